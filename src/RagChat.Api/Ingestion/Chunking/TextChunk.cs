using System.Text.Json.Serialization;

namespace RagChat.Api.Ingestion.Chunking;

/// <summary>A chunk as the chunker produced it, before embedding.</summary>
/// <param name="Index">Position in the document, from 0.</param>
/// <param name="Text">The chunk's text.</param>
/// <param name="TokenCount">Word pieces of the embedding model.</param>
/// <param name="Page">The PDF page or slide it came from, when known.</param>
/// <param name="Heading">The heading path of its section ("Setup > Docker"), when the format has headings.</param>
public sealed record TextChunk(int Index, string Text, int TokenCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Page = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Heading = null);
