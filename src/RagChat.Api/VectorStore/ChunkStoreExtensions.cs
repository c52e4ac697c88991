namespace RagChat.Api.VectorStore;

public static class ChunkStoreExtensions
{
    /// <summary>Dense search only: the <paramref name="topK"/> chunks most similar to <paramref name="vector"/> with a cosine of at least <paramref name="minScore"/>.</summary>
    public static async Task<IReadOnlyList<ChunkHit>> SearchAsync(this IChunkStore store, string collection, ReadOnlyMemory<float> vector, int topK,
        float minScore, ChunkFilter? filter, CancellationToken cancellationToken)
    {
        var hits = await store.SearchAsync(collection, new ChunkQuery(vector, new Dictionary<string, int>(), RetrievalMode.Dense, topK, filter), cancellationToken);
        return hits.Where(h => h.Score >= minScore).ToList();
    }
}
