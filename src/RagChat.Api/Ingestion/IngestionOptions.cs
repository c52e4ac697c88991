using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.Ingestion;

/// <summary>How documents are split and how large they may be (section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>Word pieces per chunk. The model sees 256 including [CLS] and [SEP], so 200 leaves room to spare.</summary>
    [Range(16, 254)]
    public int ChunkTokens { get; set; } = 200;

    /// <summary>Word pieces of trailing sentences repeated at the start of the next chunk, so an answer split across a boundary is still found whole.</summary>
    [Range(0, 200)]
    public int OverlapTokens { get; set; } = 40;

    /// <summary>Largest request body accepted, in bytes (uploads and JSON).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapTokens >= ChunkTokens)
            yield return new ValidationResult("Ingestion:OverlapTokens must be smaller than Ingestion:ChunkTokens.", [nameof(OverlapTokens)]);
    }
}
