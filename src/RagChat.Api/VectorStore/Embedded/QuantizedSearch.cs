using System.Numerics.Tensors;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// Approximate-then-exact dense search: every chunk is ranked by an int8 dot product over its document's
/// contiguous <see cref="Int8Vectors"/>, the best k × rescoreFactor are rescored with the float32 vectors,
/// and the exact top k is returned. The scores returned are exact cosines; only recall can differ from
/// <see cref="VectorIndex.Nearest"/>, and only when a true top-k chunk falls outside the candidates.
/// </summary>
public static class QuantizedSearch
{
    public static List<(VectorIndex.Entry Entry, int Chunk, float Cosine)> Nearest(
        IEnumerable<VectorIndex.Entry> documents, ReadOnlySpan<float> query, int topK, ChunkFilter? filter, int rescoreFactor)
    {
        if (topK <= 0) return [];
        var quantised = new sbyte[query.Length];
        var queryScale = Int8Vectors.Quantize(query, quantised);
        // Widened once here so the inner loop loads int16 directly.
        var wideQuery = Array.ConvertAll(quantised, v => (short)v);

        var candidates = topK * Math.Max(1, rescoreFactor);
        var exactQuery = query.ToArray();
        var best = CoreSlices.Best(documents, slice => FirstPass(slice, exactQuery, wideQuery, queryScale, candidates, filter), c => c.Score, candidates);

        // Rescore exactly, as VectorIndex.Nearest scores, so the order and scores of the hits match exact search.
        var rescored = new List<(VectorIndex.Entry Entry, int Chunk, float Cosine)>(best.Count);
        foreach (var (entry, chunk, _) in best)
            rescored.Add((entry, chunk, TensorPrimitives.Dot(query, entry.Chunks[chunk].Vector)));
        rescored.Sort((a, b) => b.Cosine.CompareTo(a.Cosine));
        if (rescored.Count > topK) rescored.RemoveRange(topK, rescored.Count - topK);
        return rescored;
    }

    /// <summary>The best <paramref name="candidates"/> chunks of <paramref name="documents"/> by the int8 dot product.</summary>
    private static List<(VectorIndex.Entry Entry, int Chunk, float Score)> FirstPass(IEnumerable<VectorIndex.Entry> documents, float[] query, short[] wideQuery,
        float queryScale, int candidates, ChunkFilter? filter)
    {
        var best = new PriorityQueue<(VectorIndex.Entry Entry, int Chunk), float>(candidates + 1);
        var weakest = float.NegativeInfinity; // the heap's root, cached: peeking on every chunk costs more than the dot
        foreach (var entry in documents)
        {
            if (filter is not null && !filter.Matches(entry.Document)) continue;
            var vectors = entry.Int8;
            var exact = vectors.Dimensions != query.Length;
            // Taken apart once per document: the row loop is the hot path.
            var values = vectors.Values;
            var scales = vectors.Scales;
            var width = query.Length;
            for (var i = 0; i < vectors.Count; i++)
            {
                float score;
                if (!exact) score = Int8Vectors.Dot(values.Slice(i * width, width), wideQuery) * (scales[i] * queryScale);
                else if (entry.Chunks[i].Vector.Length == query.Length) score = TensorPrimitives.Dot(query, entry.Chunks[i].Vector);
                else continue;

                if (best.Count < candidates) best.Enqueue((entry, i), score);
                else if (score > weakest) best.EnqueueDequeue((entry, i), score);
                else continue;
                if (best.Count == candidates) best.TryPeek(out _, out weakest);
            }
        }
        var found = new List<(VectorIndex.Entry, int, float)>(best.Count);
        while (best.TryDequeue(out var item, out var score)) found.Add((item.Entry, item.Chunk, score));
        found.Reverse();
        return found;
    }
}
