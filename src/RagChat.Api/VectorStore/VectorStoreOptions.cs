using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.VectorStore;

public enum VectorStoreProvider { Embedded, Qdrant }

/// <summary>Where chunks and vectors are stored (section <c>VectorStore</c>).</summary>
public sealed class VectorStoreOptions
{
    public const string Section = "VectorStore";

    /// <summary><c>Embedded</c> (default, on-disk, zero setup) or <c>Qdrant</c>.</summary>
    public VectorStoreProvider Provider { get; set; } = VectorStoreProvider.Embedded;

    /// <summary>Folder of the embedded store; relative paths resolve against the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    /// <summary>The Qdrant server, used when <see cref="Provider"/> is <c>Qdrant</c>.</summary>
    public QdrantOptions Qdrant { get; set; } = new();

    /// <summary>How the embedded store searches (section <c>VectorStore:Embedded</c>).</summary>
    public Embedded.EmbeddedSearchOptions Embedded { get; set; } = new();
}

/// <summary>Where Qdrant is and how patiently to talk to it (section <c>VectorStore:Qdrant</c>).</summary>
public sealed class QdrantOptions
{
    /// <summary>gRPC endpoint (port 6334); https:// for TLS.</summary>
    [Required]
    public string Endpoint { get; set; } = "http://localhost:6334";

    /// <summary>API key, when the server requires one; keep it in the environment (VectorStore__Qdrant__ApiKey).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The Qdrant collection that holds every RagChat collection, told apart by the tenant key "collection".</summary>
    [Required]
    public string Collection { get; set; } = "ragchat";

    /// <summary>Points per upsert call.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 128;

    /// <summary>Seconds before one gRPC call is abandoned.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of a call that failed with Unavailable or DeadlineExceeded, with doubling delays from 200 ms.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The chunk length (in lexical terms) that BM25's length normalisation compares each chunk with.
    /// Qdrant cannot know the corpus mean when a point is written, so the term weights use this fixed
    /// estimate. 150: chunks are about 200 word pieces, roughly 150 English words, and our terms (words of
    /// two or more letters, Hangul bigrams) count 120-180 per chunk. A wrong guess by tens of percent only
    /// shifts how much long chunks are penalised (b = 0.75), not which chunks match. Changing it affects
    /// chunks written afterwards only.
    /// </summary>
    [Range(1d, 100_000d)]
    public float LexicalAverageLength { get; set; } = 150;
}
