using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagChat.Api.Common;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>What a request asks of retrieval; null fields take the Retrieval section's defaults.</summary>
public sealed record RetrievalRequest(string? Collection, int? TopK, float? MinScore, SearchFilter? Filter, string? Mode = null, FusionRequest? Fusion = null);

/// <summary>What retrieval found: the chunks over the threshold, the best cosines of all it saw, and the query vector for later stages.</summary>
public sealed record RetrievalResult(string Query, RetrievalMode Mode, float[] QueryVector, IReadOnlyList<ChunkHit> Hits, IReadOnlyList<float> BestScores, long ElapsedMs);

/// <summary>question -> query embedding and terms -> top-k chunks from the store (dense, lexical or fused).</summary>
public sealed class Retriever(IEmbeddingGenerator<string, Embedding<float>> embeddings, IChunkStore store, IOptions<RetrievalOptions> options)
{
    public RetrievalOptions Defaults => options.Value;

    public async Task<RetrievalResult> RetrieveAsync(string query, RetrievalRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var defaults = options.Value;
        var mode = RetrievalChoice.Mode(request.Mode, defaults);
        // Every mode embeds the query: hits report their cosine, so one threshold means the same everywhere.
        var vector = await embeddings.EmbedOneAsync(query, cancellationToken);
        var chunkQuery = new ChunkQuery(vector, TextTerms.Count(query), mode, request.TopK ?? defaults.TopK, request.Filter?.ToChunkFilter(),
            RetrievalChoice.Fusion(request.Fusion, defaults, query), defaults.Candidates);
        // The threshold is applied here, not in the store, so a no-answer can still report how close the best chunk came.
        var hits = await store.SearchAsync(request.Collection ?? IngestionRules.DefaultCollection, chunkQuery, cancellationToken);
        var threshold = request.MinScore ?? defaults.MinScore;
        var relevant = hits.Where(h => h.Score >= threshold).ToList();
        return new RetrievalResult(query, mode, vector, relevant, hits.Select(h => h.Score).OrderDescending().Take(3).ToList(),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
