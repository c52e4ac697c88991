using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>Defaults of search and chat retrieval (section <c>Retrieval</c>).</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>Chunks retrieved when a request does not say.</summary>
    [Range(1, 100)]
    public int TopK { get; set; } = 5;

    /// <summary>
    /// Cosine similarity below which a chunk does not count as relevant. all-MiniLM-L6-v2 puts unrelated
    /// English text around 0.0-0.15 and a passage that answers a question around 0.4-0.8.
    /// </summary>
    [Range(-1.0, 1.0)]
    public float MinScore { get; set; } = 0.25f;
}
