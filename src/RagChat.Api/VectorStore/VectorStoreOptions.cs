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
}
