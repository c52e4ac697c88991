using RagChat.Api.Common;
using RagChat.Api.VectorStore;

namespace RagChat.Tests.VectorStore;

/// <summary>Documents, chunks, vectors and queries for the chunk-store tests; use with <c>using static</c>.</summary>
public static class StoreData
{
    /// <summary>A document titled "Title {id}" from "{id}.txt".</summary>
    public static StoredDocument Doc(string id, string collection = "c", string hash = "h1", params string[] tags) =>
        new(id, collection, $"Title {id}", $"{id}.txt", tags, hash, 0, DateTimeOffset.UtcNow);

    /// <summary>Chunk <paramref name="index"/> of <paramref name="doc"/>, its text "{doc} text {index}" unless given.</summary>
    public static StoredChunk Chunk(string doc, int index, float[] vector, string? text = null) =>
        new(StoredChunk.IdFor(doc, index), doc, index, text ?? $"{doc} text {index}", null, vector);

    /// <summary>The vector scaled to length 1.</summary>
    public static float[] Unit(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>A query whose lexical terms are those of <paramref name="text"/>.</summary>
    public static ChunkQuery Query(float[] vector, string text, RetrievalMode mode, int topK = 10, ChunkFilter? filter = null, FusionSettings? fusion = null) =>
        new(vector, TextTerms.Count(text), mode, topK, filter, fusion);
}
