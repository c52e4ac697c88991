using System.Text.Json.Serialization;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Search;

/// <summary>A semantic search over one collection.</summary>
/// <param name="Query">What to look for.</param>
/// <param name="TopK">Most results (1-100); default Retrieval:TopK.</param>
/// <param name="MinScore">Lowest cosine similarity returned (-1..1); default Retrieval:MinScore.</param>
/// <param name="Collection">Collection to search; default "default".</param>
/// <param name="Filter">Tag and document filters.</param>
/// <param name="Mode">"dense" (embeddings), "lexical" (BM25) or "hybrid" (both, fused); default Retrieval:Mode (hybrid).</param>
/// <param name="Fusion">Reciprocal Rank Fusion's k and weights for hybrid mode; default Retrieval:Fusion.</param>
public sealed record SearchRequest(string? Query, int? TopK, float? MinScore, string? Collection, SearchFilter? Filter, string? Mode = null, FusionRequest? Fusion = null)
{
    public RetrievalRequest Retrieval() => new(Collection, TopK, MinScore, Filter, Mode, Fusion);
}

/// <summary>
/// A chunk found by search. <c>score</c> is its cosine similarity to the query (what minScore applies to);
/// <c>scores</c> says which retrievers found it: each one's rank and raw score (cosine or BM25), and the
/// fused score that ordered the results in hybrid mode.
/// </summary>
public sealed record ChunkResult(string ChunkId, string DocumentId, int Index, string Title, string? Source, int? Page, string Text, IReadOnlyList<string> Tags, float Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Heading = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RetrieverScores? Scores = null)
{
    public static ChunkResult From(ChunkHit h) => new(h.ChunkId, h.DocumentId, h.Index, h.Title, h.Source, h.Page, h.Text, h.Tags, h.Score, h.Heading, h.Scores);
}

/// <summary>Ranked results, best first, and the mode that ranked them.</summary>
public sealed record SearchResponse(string Query, string Collection, string Mode, IReadOnlyList<ChunkResult> Results, long ElapsedMs);
