using System.ComponentModel.DataAnnotations;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>Defaults of search and chat retrieval (section <c>Retrieval</c>).</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>Chunks retrieved when a request does not say.</summary>
    [Range(1, 100)]
    public int TopK { get; set; } = 5;

    /// <summary>
    /// Cosine similarity below which a chunk does not count as relevant, in every mode. all-MiniLM-L6-v2
    /// puts unrelated English text around 0.0-0.15 and a passage that answers a question around 0.4-0.8.
    /// </summary>
    [Range(-1.0, 1.0)]
    public float MinScore { get; set; } = 0.25f;

    /// <summary>Dense, Lexical or Hybrid (default): how chunks are ranked when a request does not say.</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>Candidates each retriever hands to fusion in hybrid mode (at least the results asked for).</summary>
    [Range(1, 1000)]
    public int Candidates { get; set; } = 50;

    /// <summary>Reciprocal Rank Fusion's k and the weight of each retriever.</summary>
    public FusionOptions Fusion { get; set; } = new();
}

/// <summary>Reciprocal Rank Fusion (section <c>Retrieval:Fusion</c>): a chunk scores Σ 1 / (K + rank / weight).</summary>
public sealed class FusionOptions
{
    [Range(1, 1000)]
    public int K { get; set; } = 60;

    [Range(0.0, 10.0)]
    public float DenseWeight { get; set; } = 1f;

    [Range(0.0, 10.0)]
    public float LexicalWeight { get; set; } = 1f;

    /// <summary>
    /// The dense weight for a question that is mostly Hangul (unless the request sets one). The bundled
    /// all-MiniLM-L6-v2 is an English model: its Korean ranking is close to random (KorQuAD nDCG@10
    /// 0.107), and rank fusion lets any noisy ranking reorder a good one (KorQuAD hybrid at equal
    /// weights: 0.543, against 0.944 for BM25 alone). So by default Korean questions are ranked by BM25
    /// alone (dense ranks are still reported). With a multilingual embedding model, set it to 1.
    /// </summary>
    [Range(0.0, 10.0)]
    public float HangulDenseWeight { get; set; }
}
