using RagChat.Api.Chat.Retrieval;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Search;

/// <summary>A semantic search over one collection.</summary>
/// <param name="Query">What to look for.</param>
/// <param name="TopK">Most results (1-100); default Retrieval:TopK.</param>
/// <param name="MinScore">Lowest cosine similarity returned (-1..1); default Retrieval:MinScore.</param>
/// <param name="Collection">Collection to search; default "default".</param>
/// <param name="Filter">Tag and document filters.</param>
public sealed record SearchRequest(string? Query, int? TopK, float? MinScore, string? Collection, SearchFilter? Filter);

/// <summary>A chunk found by search, with its cosine similarity to the query.</summary>
public sealed record ChunkResult(string ChunkId, string DocumentId, int Index, string Title, string? Source, int? Page, string Text, IReadOnlyList<string> Tags, float Score,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Heading = null)
{
    public static ChunkResult From(ChunkHit h) => new(h.ChunkId, h.DocumentId, h.Index, h.Title, h.Source, h.Page, h.Text, h.Tags, h.Score, h.Heading);
}

/// <summary>Ranked results, best first.</summary>
public sealed record SearchResponse(string Query, string Collection, IReadOnlyList<ChunkResult> Results, long ElapsedMs);
