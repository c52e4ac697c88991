using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Augmentation;

/// <summary>A retrieved chunk and the number [n] the prompt and the answer refer to it by.</summary>
public sealed record NumberedSource(int N, ChunkHit Hit)
{
    public SourceInfo Info => new(N, Hit.ChunkId, Hit.DocumentId, Hit.Title, Hit.Source, Hit.Page, Hit.Score, Hit.Heading, Hit.Scores);

    public static IReadOnlyList<NumberedSource> Number(IEnumerable<ChunkHit> hits) =>
        hits.Select((hit, i) => new NumberedSource(i + 1, hit)).ToList();
}
