namespace RagChat.Api.Ingestion.Fetching;

/// <summary>A downloaded document: its bytes, a file name for the readers, the Content-Type header as sent, and where it was found after redirects.</summary>
public sealed record FetchedFile(byte[] Content, string FileName, string? ContentType, Uri FinalUri);
