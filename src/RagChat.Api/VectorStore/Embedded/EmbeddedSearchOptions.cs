using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>How the embedded store searches its in-memory index (section <c>VectorStore:Embedded</c>).</summary>
public sealed class EmbeddedSearchOptions
{
    /// <summary>
    /// Rank all chunks by an int8 dot product first (a quarter of the memory traffic of float32), then
    /// rescore the best <see cref="RescoreFactor"/> × k candidates exactly. Off by default: exact search.
    /// </summary>
    public bool Int8FirstPass { get; set; }

    /// <summary>Candidates kept by the int8 pass per result asked for; more means higher recall, slower rescoring.</summary>
    [Range(1, 100)]
    public int RescoreFactor { get; set; } = 4;
}
