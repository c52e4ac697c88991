namespace RagChat.Api.VectorStore;

/// <summary>A document as the store keeps it: metadata, never the vectors.</summary>
public sealed record StoredDocument(
    string Id,
    string Collection,
    string Title,
    string? Source,
    IReadOnlyList<string> Tags,
    string ContentHash,
    int ChunkCount,
    DateTimeOffset IngestedAt);

/// <summary>One chunk of a document with its embedding. <see cref="ChunkId"/> is "{documentId}#{index}".</summary>
public sealed record StoredChunk(string ChunkId, string DocumentId, int Index, string Text, int? Page, float[] Vector, string? Heading = null)
{
    public static string IdFor(string documentId, int index) => $"{documentId}#{index}";
}

/// <summary>
/// Restricts a search. Tags are "key:value" strings. Every tag in <see cref="AllTags"/> must be on the
/// document, at least one of <see cref="AnyTags"/> must be (when given), and the document id must be in
/// <see cref="DocumentIds"/> (when given).
/// </summary>
public sealed record ChunkFilter(IReadOnlyList<string>? AllTags = null, IReadOnlyList<string>? AnyTags = null, IReadOnlyList<string>? DocumentIds = null)
{
    public bool Matches(StoredDocument document) =>
        (AllTags is null || AllTags.All(document.Tags.Contains))
        && (AnyTags is null || AnyTags.Count == 0 || AnyTags.Any(document.Tags.Contains))
        && (DocumentIds is null || DocumentIds.Count == 0 || DocumentIds.Contains(document.Id));
}

/// <summary>
/// A search result: the chunk, its document's title and source, and its cosine similarity to the query
/// (<see cref="Score"/>, whatever the mode ranked by). <see cref="Scores"/> says which retrievers found it.
/// </summary>
public sealed record ChunkHit(
    string ChunkId,
    string DocumentId,
    int Index,
    string Title,
    string? Source,
    int? Page,
    string Text,
    IReadOnlyList<string> Tags,
    float Score,
    string? Heading = null,
    RetrieverScores? Scores = null);
