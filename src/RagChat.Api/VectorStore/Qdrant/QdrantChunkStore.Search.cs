using System.Numerics.Tensors;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using RagChat.Api.VectorStore.Lexical;

namespace RagChat.Api.VectorStore.Qdrant;

// Search: dense, lexical (the sparse "lexical" vector with Qdrant's IDF) and hybrid (one batched round trip).
public sealed partial class QdrantChunkStore
{
    public async Task<IReadOnlyList<ChunkHit>> SearchAsync(string collection, ChunkQuery query, CancellationToken cancellationToken)
    {
        if (query.TopK <= 0 || !await _schema.ExistsAsync(cancellationToken)) return [];
        var filter = QdrantFilters.Committed(collection, query.Filter);
        var vector = query.Vector.ToArray();
        var (indices, values) = SparseTerms.ForQuery(query.Terms);
        var dense = new Retriever(QdrantSchema.Dense, new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { vector } } } });
        var lexical = indices.Length == 0 ? null
            : new Retriever(QdrantSchema.Lexical, new Query { Nearest = new VectorInput { Sparse = new SparseVector { Indices = { indices }, Values = { values } } } });

        var found = query.Mode switch
        {
            RetrievalMode.Dense => await SingleAsync(dense, filter, query, vector, cancellationToken),
            RetrievalMode.Lexical when lexical is null => [],
            RetrievalMode.Lexical => await SingleAsync(lexical!, filter, query, vector, cancellationToken),
            _ => await HybridAsync(dense, lexical, filter, query, vector, cancellationToken),
        };
        if (found.Count == 0) return [];
        // An older version outlives its replacement only when the replacement's clean-up failed; ask which
        // version of each hit's document is the newest, so replaced text is never returned.
        var newest = await NewestVersionsAsync(collection, found.Select(h => h.Payload[QdrantPayload.DocumentId].StringValue).Distinct().ToList(), cancellationToken);
        return found.Where(h => newest.GetValueOrDefault(h.Payload[QdrantPayload.DocumentId].StringValue) == QdrantPayload.VersionOf(h.Payload))
            .Select(h => QdrantPayload.Hit(h.Payload, h.Cosine) with { Scores = h.Scores })
            .ToList();
    }

    /// <summary>One retriever's query: a named vector and what to look for in it.</summary>
    private sealed record Retriever(string Using, Query Query);

    /// <summary>A point found by a search, before the newest-version check: its payload, cosine to the query, and retriever scores.</summary>
    private sealed record Found(MapField<string, Value> Payload, float Cosine, RetrieverScores Scores);

    /// <summary>Dense or lexical alone: one query, ranked by that retriever.</summary>
    private async Task<List<Found>> SingleAsync(Retriever retriever, Filter filter, ChunkQuery query, float[] vector, CancellationToken cancellationToken)
    {
        var isDense = retriever.Using == QdrantSchema.Dense;
        var points = await _calls.RunAsync(isDense ? "dense query" : "lexical query", () => _client.QueryAsync(Name, retriever.Query, usingVector: retriever.Using,
            filter: filter, limit: (ulong)query.TopK, payloadSelector: true, vectorsSelector: isDense ? false : DenseOnly,
            cancellationToken: cancellationToken), cancellationToken);
        return points.Select((p, i) =>
        {
            var ranked = new RankedScore(i + 1, p.Score);
            return isDense
                ? new Found(p.Payload, p.Score, new RetrieverScores(ranked, null))
                : new Found(p.Payload, Cosine(vector, p.Vectors), new RetrieverScores(null, ranked));
        }).ToList();
    }

    /// <summary>
    /// Hybrid in one round trip: a batch of the fused query (both retrievers as prefetches, RRF on the
    /// server) and each retriever's query alone (ids and scores only), which tell each fused hit's rank
    /// and raw score per retriever. The root filter applies to the prefetches too (Qdrant propagates it).
    /// </summary>
    private async Task<List<Found>> HybridAsync(Retriever dense, Retriever? lexical, Filter filter, ChunkQuery query, float[] vector, CancellationToken cancellationToken)
    {
        var candidates = (ulong)query.CandidatesPerRetriever;
        var retrievers = lexical is null ? new[] { dense } : [dense, lexical];
        var fusion = query.FusionOrDefault;
        var rrf = QdrantRrf(fusion, lexical is null ? [fusion.DenseWeight] : [fusion.DenseWeight, fusion.LexicalWeight]);

        var fused = new QueryPoints
        {
            CollectionName = Name,
            Query = new Query { Rrf = rrf },
            Filter = filter,
            Limit = (ulong)query.TopK,
            WithPayload = true,
            WithVectors = DenseOnly,
        };
        fused.Prefetch.AddRange(retrievers.Select(r => new PrefetchQuery { Query = r.Query, Using = r.Using, Limit = candidates }));
        var batch = new List<QueryPoints> { fused };
        batch.AddRange(retrievers.Select(r => new QueryPoints
        {
            CollectionName = Name,
            Query = r.Query,
            Using = r.Using,
            Filter = filter,
            Limit = candidates,
            WithPayload = false,
            WithVectors = false,
        }));

        var results = await _calls.RunAsync("hybrid query", () => _client.QueryBatchAsync(Name, batch, cancellationToken: cancellationToken), cancellationToken);
        var denseRanks = Ranks(results[1].Result);
        var lexicalRanks = lexical is null ? [] : Ranks(results[2].Result);
        return results[0].Result
            .Select(p =>
            {
                var key = Key(p.Id);
                var denseScore = denseRanks.GetValueOrDefault(key);
                var scores = new RetrieverScores(denseScore, lexicalRanks.GetValueOrDefault(key), p.Score);
                return new Found(p.Payload, denseScore?.Score ?? Cosine(vector, p.Vectors), scores);
            })
            // Qdrant leaves ties in any order; break them as the embedded store does.
            .OrderByDescending(f => f.Scores.Fused).ThenBy(f => f.Scores.Dense?.Rank ?? int.MaxValue)
            .ThenBy(f => f.Payload[QdrantPayload.DocumentId].StringValue, StringComparer.Ordinal).ThenBy(f => f.Payload[QdrantPayload.ChunkIndex].IntegerValue)
            .ToList();
    }

    /// <summary>
    /// Our RRF (<see cref="FusionSettings"/>: Σ 1 / (K + rank / w), rank from 1) in Qdrant's terms. Qdrant
    /// (lib/segment/src/common/reciprocal_rank_fusion.rs) scores a point at 0-based position p with
    /// 1 / ((p + 1) / w + k − 1), default k = 2, and nothing for w ≤ 0: with k = K + 1 that is exactly ours.
    /// </summary>
    private static Rrf QdrantRrf(FusionSettings fusion, float[] weights)
    {
        var rrf = new Rrf { K = (uint)Math.Max(1, fusion.K + 1) };
        rrf.Weights.AddRange(weights.Select(w => Math.Max(w, 0)));
        return rrf;
    }

    private static readonly WithVectorsSelector DenseOnly = new[] { QdrantSchema.Dense };

    private static Dictionary<string, RankedScore> Ranks(IEnumerable<ScoredPoint> points) =>
        points.Select((p, i) => (Key(p.Id), new RankedScore(i + 1, p.Score))).ToDictionary(e => e.Item1, e => e.Item2);

    private static string Key(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid ? id.Uuid : id.Num.ToString();

    // Qdrant keeps cosine vectors normalised, so this is the score the dense retriever would have given.
    private static float Cosine(float[] query, VectorsOutput? vectors) =>
        DenseOf(vectors) is { Length: > 0 } stored && stored.Length == query.Length ? TensorPrimitives.CosineSimilarity(query, stored) : 0f;
}
