using RagChat.Api.Common;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// A document's slice of the lexical index: for each term, the chunks that hold it and how often, and
/// each chunk's length in terms. Built once when the document is stored, immutable after, so it is
/// swapped in together with the document's vectors.
/// </summary>
public sealed class DocumentTerms
{
    public readonly record struct Posting(int Chunk, int Count);

    public IReadOnlyDictionary<string, Posting[]> Postings { get; }
    public int[] ChunkLengths { get; }
    public long TotalLength { get; }

    private DocumentTerms(IReadOnlyDictionary<string, Posting[]> postings, int[] chunkLengths)
    {
        Postings = postings;
        ChunkLengths = chunkLengths;
        TotalLength = chunkLengths.Sum(l => (long)l);
    }

    /// <summary>Indexes <paramref name="chunks"/> in the order given; postings refer to positions in that list.</summary>
    public static DocumentTerms Of(IReadOnlyList<StoredChunk> chunks)
    {
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var lengths = new int[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            foreach (var (term, count) in TextTerms.Count(chunks[i].Text))
            {
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                list.Add(new Posting(i, count));
                lengths[i] += count;
            }
        }
        return new DocumentTerms(postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), lengths);
    }
}
