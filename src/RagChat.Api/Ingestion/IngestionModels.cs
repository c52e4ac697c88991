namespace RagChat.Api.Ingestion;

/// <summary>A text document to ingest.</summary>
/// <param name="Id">Document id (letters, digits, '.', '_', '-', ':', '@'; at most 128). Omitted: derived from the content, so posting the same text twice keeps one document.</param>
/// <param name="Title">Shown in citations; defaults to the id.</param>
/// <param name="Text">The document's text.</param>
/// <param name="Source">Where it came from (a URL, a path); shown in citations.</param>
/// <param name="Tags">"key:value" labels to filter search and chat by.</param>
/// <param name="Collection">Knowledge base to store it in; defaults to "default".</param>
public sealed record IngestDocumentRequest(string? Id, string? Title, string? Text, string? Source, IReadOnlyList<string>? Tags, string? Collection);

/// <summary>A web page or file to fetch and ingest.</summary>
/// <param name="Url">http or https URL.</param>
/// <param name="Id">Document id; default: the host and the file name.</param>
/// <param name="Title">Default: the document's own title.</param>
/// <param name="Tags">"key:value" labels.</param>
/// <param name="Collection">Default "default".</param>
public sealed record IngestUrlRequest(string? Url, string? Id, string? Title, IReadOnlyList<string>? Tags, string? Collection);

/// <summary>The outcome of an ingestion.</summary>
/// <param name="DocumentId">The stored document's id.</param>
/// <param name="Collection">Its collection.</param>
/// <param name="ChunkCount">Chunks written.</param>
/// <param name="ContentHash">SHA-256 (hex) of the normalised text.</param>
/// <param name="Replaced">True when an earlier version with this id was replaced.</param>
/// <param name="Unchanged">True when the same content was already stored: nothing was written.</param>
/// <param name="EmbeddedChunks">Chunks embedded for this request; the others came from the embedding cache.</param>
public sealed record IngestDocumentResponse(string DocumentId, string Collection, int ChunkCount, string ContentHash, bool Replaced, bool Unchanged = false, int EmbeddedChunks = 0);
