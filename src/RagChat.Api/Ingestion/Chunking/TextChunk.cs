namespace RagChat.Api.Ingestion.Chunking;

/// <summary>A chunk as the chunker produced it, before embedding.</summary>
public sealed record TextChunk(int Index, string Text, int TokenCount, int? Page = null);
