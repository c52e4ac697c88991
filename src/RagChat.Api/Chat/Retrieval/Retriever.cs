using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>What retrieval found: the chunks over the threshold, the best scores of all it saw, and the query vector for later stages.</summary>
public sealed record RetrievalResult(string Query, float[] QueryVector, IReadOnlyList<ChunkHit> Hits, IReadOnlyList<float> BestScores, long ElapsedMs);

/// <summary>question -> query embedding -> top-k chunks from the store.</summary>
public sealed class Retriever(IEmbeddingGenerator<string, Embedding<float>> embeddings, IChunkStore store, IOptions<RetrievalOptions> options)
{
    public RetrievalOptions Defaults => options.Value;

    public async Task<RetrievalResult> RetrieveAsync(string query, string? collection, int? topK, float? minScore, SearchFilter? filter, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var vector = await embeddings.EmbedOneAsync(query, cancellationToken);
        // Search without the threshold so a no-answer can still report how close the best chunk came.
        var hits = await store.SearchAsync(collection ?? IngestionRules.DefaultCollection, vector, topK ?? options.Value.TopK,
            float.MinValue, filter?.ToChunkFilter(), cancellationToken);
        var threshold = minScore ?? options.Value.MinScore;
        var relevant = hits.Where(h => h.Score >= threshold).ToList();
        return new RetrievalResult(query, vector, relevant, hits.Take(3).Select(h => h.Score).ToList(),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
