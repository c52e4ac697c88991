using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>Restricts retrieval by tags ("key:value") and document ids.</summary>
/// <param name="Tags">Every one of these tags must be on the document.</param>
/// <param name="AnyTags">At least one of these tags must be on the document.</param>
/// <param name="DocumentIds">Only these documents.</param>
public sealed record SearchFilter(IReadOnlyList<string>? Tags, IReadOnlyList<string>? AnyTags, IReadOnlyList<string>? DocumentIds)
{
    public ChunkFilter ToChunkFilter() => new(Tags, AnyTags, DocumentIds);
}
