using RagChat.Api.VectorStore;

namespace RagChat.Api.Documents;

/// <summary>A stored document without its text.</summary>
public sealed record DocumentSummary(string Id, string Collection, string Title, string? Source, IReadOnlyList<string> Tags, string ContentHash, int ChunkCount, DateTimeOffset IngestedAt)
{
    public static DocumentSummary From(StoredDocument d) => new(d.Id, d.Collection, d.Title, d.Source, d.Tags, d.ContentHash, d.ChunkCount, d.IngestedAt);
}

/// <summary>One chunk of a document, as stored.</summary>
public sealed record DocumentChunk(string ChunkId, int Index, string Text, int? Page,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Heading = null);

/// <summary>A change to a document's tags ("key:value"; a key may have several values).</summary>
/// <param name="Tags">The new tags, replacing all others.</param>
/// <param name="AddTags">Tags to add.</param>
/// <param name="RemoveTags">Tags to remove.</param>
public sealed record DocumentPatch(IReadOnlyList<string>? Tags, IReadOnlyList<string>? AddTags, IReadOnlyList<string>? RemoveTags);

/// <summary>A document with its chunks in order.</summary>
public sealed record DocumentDetails(DocumentSummary Document, IReadOnlyList<DocumentChunk> Chunks);
