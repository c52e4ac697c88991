namespace RagChat.Api.VectorStore;

/// <summary>
/// The chunk-store seam: where documents' chunks and vectors live. Implementations must replace a
/// document atomically (readers see the old version or the new one, never a mix or half) and keep
/// collections of different vector dimensions apart.
/// </summary>
public interface IChunkStore
{
    /// <summary>Stores <paramref name="document"/> with its chunks, replacing any earlier version of the same id in its collection.</summary>
    Task UpsertDocumentAsync(StoredDocument document, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken);

    /// <summary>
    /// The query's <see cref="ChunkQuery.TopK"/> best chunks, best first: by cosine similarity (dense), by
    /// BM25 over <see cref="Common.TextTerms"/> (lexical), or by Reciprocal Rank Fusion of the two (hybrid).
    /// Every hit's <see cref="ChunkHit.Score"/> is its cosine similarity to the query vector, and its
    /// <see cref="ChunkHit.Scores"/> say which retrievers found it, at what rank.
    /// </summary>
    Task<IReadOnlyList<ChunkHit>> SearchAsync(string collection, ChunkQuery query, CancellationToken cancellationToken);

    /// <summary>Replaces a document's tags (its chunks and vectors stay); false when it does not exist.</summary>
    Task<bool> UpdateTagsAsync(string collection, string documentId, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>Removes a document and all its chunks; false when it did not exist.</summary>
    Task<bool> DeleteDocumentAsync(string collection, string documentId, CancellationToken cancellationToken);

    /// <summary>Documents of one collection (or of all when <paramref name="collection"/> is null), optionally with a tag.</summary>
    Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string? collection, string? tag, CancellationToken cancellationToken);

    /// <summary>A document with its chunks in order, or null.</summary>
    Task<(StoredDocument Document, IReadOnlyList<StoredChunk> Chunks)?> GetDocumentAsync(string collection, string documentId, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="Common.DependencyUnavailableException"/> when the store cannot serve requests.</summary>
    Task CheckReadyAsync(CancellationToken cancellationToken);
}
