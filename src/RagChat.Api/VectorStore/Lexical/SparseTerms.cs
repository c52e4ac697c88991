using System.Text;

namespace RagChat.Api.VectorStore.Lexical;

/// <summary>
/// Terms as a sparse vector for Qdrant: each term becomes a 32-bit index (FNV-1a of its UTF-8 bytes,
/// stable across processes and versions, unlike string.GetHashCode) and its value is BM25's
/// term-frequency half; Qdrant's IDF modifier supplies the other half at query time.
/// </summary>
public static class SparseTerms
{
    public static uint IdOf(string term)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }

    /// <summary>A chunk's vector: BM25 term weights normalised by <paramref name="averageLength"/> (a fixed estimate, as Qdrant cannot know the corpus mean when a point is written).</summary>
    public static (uint[] Indices, float[] Values) ForChunk(IReadOnlyDictionary<string, int> termCounts, float averageLength)
    {
        var length = termCounts.Values.Sum();
        return Merge(termCounts.Select(t => (IdOf(t.Key), Bm25.TermWeight(t.Value, length, averageLength))));
    }

    /// <summary>A query's vector: weight 1 per distinct term, so the score is the sum of the matched terms' BM25 weights.</summary>
    public static (uint[] Indices, float[] Values) ForQuery(IReadOnlyDictionary<string, int> termCounts) =>
        Merge(termCounts.Keys.Select(t => (IdOf(t), 1f)));

    // Qdrant refuses duplicate indices; two terms whose hashes collide share one slot and add up.
    private static (uint[] Indices, float[] Values) Merge(IEnumerable<(uint Id, float Value)> entries)
    {
        var merged = new SortedDictionary<uint, float>();
        foreach (var (id, value) in entries) merged[id] = merged.GetValueOrDefault(id) + value;
        return (merged.Keys.ToArray(), merged.Values.ToArray());
    }
}
