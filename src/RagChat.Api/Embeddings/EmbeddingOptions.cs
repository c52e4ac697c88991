using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.Embeddings;

/// <summary>Settings of the local ONNX embedding model (section <c>Embeddings</c>).</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>Folder holding <c>model.onnx</c> and <c>vocab.txt</c>; relative paths resolve against the app folder.</summary>
    [Required]
    public string ModelPath { get; set; } = "models/all-MiniLM-L6-v2";

    /// <summary>Word pieces per input, special tokens included; all-MiniLM-L6-v2 was trained with 256.</summary>
    [Range(8, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per ONNX Runtime call.</summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>ONNX Runtime intra-op threads; 0 lets the runtime decide.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's threads spin-wait for the next run instead of sleeping. Off by default:
    /// a spinning pool keeps the cores busy after each query embedding, and the search that follows
    /// it (on the same cores) measured about twice as slow (docs/BENCHMARKS.md).
    /// </summary>
    public bool SpinWait { get; set; }

    public string ResolveModelFolder() =>
        Path.IsPathRooted(ModelPath) ? ModelPath : Path.Combine(AppContext.BaseDirectory, ModelPath);
}
