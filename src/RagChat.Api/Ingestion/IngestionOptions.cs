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

    /// <summary>Background workers that ingest uploaded files.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>Jobs that may wait in the queue; beyond it uploads get a retryable 503.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 100;

    /// <summary>Finished jobs whose status stays available at /api/jobs/{id}.</summary>
    [Range(10, 1_000_000)]
    public int JobsKept { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapTokens >= ChunkTokens)
            yield return new ValidationResult("Ingestion:OverlapTokens must be smaller than Ingestion:ChunkTokens.", [nameof(OverlapTokens)]);
    }
}
