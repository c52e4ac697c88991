using System.Text.Json.Serialization;

namespace RagChat.Api.VectorStore;

/// <summary>Which retrievers rank the chunks: embeddings, BM25 over terms, or both fused.</summary>
public enum RetrievalMode { Dense, Lexical, Hybrid }

/// <summary>
/// Weighted Reciprocal Rank Fusion: a chunk scores Σ 1 / (k + rank / weight) over the retrievers that
/// found it (weight 0: nothing), rank counting from 1. A larger <paramref name="K"/> flattens the
/// difference between ranks; a larger weight makes a retriever's ranks count as better ones.
/// </summary>
public sealed record FusionSettings(int K = 60, float DenseWeight = 1f, float LexicalWeight = 1f);

/// <summary>
/// One search: the query's embedding and its lexical terms (with counts), the mode, how many results,
/// how many candidates each retriever contributes to fusion, and the filter.
/// </summary>
public sealed record ChunkQuery(
    ReadOnlyMemory<float> Vector,
    IReadOnlyDictionary<string, int> Terms,
    RetrievalMode Mode,
    int TopK,
    ChunkFilter? Filter = null,
    FusionSettings? Fusion = null,
    int Candidates = 50)
{
    public FusionSettings FusionOrDefault => Fusion ?? new FusionSettings();

    /// <summary>Candidates each retriever hands to fusion: never fewer than the results asked for.</summary>
    public int CandidatesPerRetriever => Mode == RetrievalMode.Hybrid ? Math.Max(TopK, Candidates) : TopK;

    public bool UsesDense => Mode is RetrievalMode.Dense or RetrievalMode.Hybrid;
    public bool UsesLexical => Mode is RetrievalMode.Lexical or RetrievalMode.Hybrid;
}

/// <summary>A retriever's opinion of a chunk: its 1-based rank in that retriever's list and its raw score (cosine or BM25).</summary>
public sealed record RankedScore(int Rank, float Score);

/// <summary>Which retrievers found a chunk (a retriever that did not is left out), and the fused score that ordered it (hybrid only).</summary>
public sealed record RetrieverScores(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RankedScore? Dense,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RankedScore? Lexical,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Fused = null);
