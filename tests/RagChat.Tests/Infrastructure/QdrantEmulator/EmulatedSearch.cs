using System.Numerics.Tensors;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RagChat.Tests.Infrastructure.QdrantEmulator;

/// <summary>
/// Qdrant's Query API over the emulator's points, for what RagChat sends: nearest dense (cosine) and
/// sparse (dot product, with the IDF modifier) queries on named vectors, prefetches fused by RRF, and
/// payload and vector selection. Behaviour follows Qdrant's source where it is easy to get wrong:
/// see <see cref="Rrf"/> and <see cref="Idf"/>.
/// </summary>
public static class EmulatedSearch
{
    /// <summary>Qdrant's default k (DEFAULT_RRF_K in lib/segment/src/common/reciprocal_rank_fusion.rs).</summary>
    public const int DefaultRrfK = 2;

    private readonly record struct Scored(PointStruct Point, float Score);

    public static List<ScoredPoint> Run(EmulatorState.Collection collection, QueryPoints request)
    {
        var scored = Evaluate(collection, request.Query, request.HasUsing ? request.Using : "", request.Prefetch, request.Filter,
            request.HasLimit ? (int)request.Limit : 10, request.HasScoreThreshold ? request.ScoreThreshold : null, outer: null);
        return scored.Skip(request.HasOffset ? (int)request.Offset : 0)
            .Select(s =>
            {
                var point = new ScoredPoint { Id = s.Point.Id, Score = s.Score, Version = 1, Payload = { Payload(s.Point.Payload, request.WithPayload) } };
                if (Vectors(collection, s.Point, request.WithVectors) is { } vectors) point.Vectors = vectors;
                return point;
            })
            .ToList();
    }

    /// <summary>The payload a selector asks for: none unless enabled (Qdrant's default for queries), or only the included fields.</summary>
    public static Dictionary<string, Value> Payload(MapField<string, Value> payload, WithPayloadSelector? selector) => (selector?.SelectorOptionsCase switch
    {
        WithPayloadSelector.SelectorOptionsOneofCase.Enable when selector.Enable => payload,
        WithPayloadSelector.SelectorOptionsOneofCase.Include => payload.Where(p => selector.Include.Fields.Contains(p.Key)),
        WithPayloadSelector.SelectorOptionsOneofCase.Exclude => payload.Where(p => !selector.Exclude.Fields.Contains(p.Key)),
        _ => [],
    }).ToDictionary();

    /// <summary>The vectors a selector asks for, as Qdrant answers them: an unnamed vector alone, named ones in a map.</summary>
    public static VectorsOutput? Vectors(EmulatorState.Collection collection, PointStruct point, WithVectorsSelector? selector)
    {
        bool Selected(string name) => selector?.SelectorOptionsCase switch
        {
            WithVectorsSelector.SelectorOptionsOneofCase.Enable => selector.Enable,
            WithVectorsSelector.SelectorOptionsOneofCase.Include => selector.Include.Names.Contains(name),
            _ => false,
        };
        if (point.Vectors.VectorsOptionsCase == Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vector)
            return Selected("") ? new VectorsOutput { Vector = Output(point.Vectors.Vector) } : null;
        var named = new NamedVectorsOutput();
        foreach (var (name, vector) in point.Vectors.Vectors_.Vectors)
            if (Selected(name)) named.Vectors[name] = Output(vector);
        return named.Vectors.Count > 0 ? new VectorsOutput { Vectors = named } : null;
    }

    private static VectorOutput Output(Vector vector) => SparseOf(vector) is { } sparse
        ? new VectorOutput { Sparse = new SparseVector { Indices = { sparse.Indices }, Values = { sparse.Values } } }
        : new VectorOutput { Dense = new DenseVector { Data = { DenseOf(vector) } } };

    private static List<Scored> Evaluate(EmulatorState.Collection collection, Query? query, string vectorName, RepeatedField<PrefetchQuery> prefetches,
        Filter? filter, int limit, float? threshold, Filter? outer)
    {
        // The outer query's filter applies to its prefetches too, as Qdrant propagates it into the leaves.
        filter = outer is null ? filter : filter is null ? outer : new Filter { Must = { new Condition { Filter = outer }, new Condition { Filter = filter } } };
        IEnumerable<Scored> results;
        if (prefetches.Count > 0)
        {
            var lists = prefetches.Select(p => Evaluate(collection, p.Query, p.HasUsing ? p.Using : "", p.Prefetch, p.Filter,
                p.HasLimit ? (int)p.Limit : 10, p.HasScoreThreshold ? p.ScoreThreshold : null, filter)).ToList();
            results = query?.VariantCase switch
            {
                Query.VariantOneofCase.Rrf => Rrf(lists, query.Rrf.HasK ? (int)query.Rrf.K : DefaultRrfK, query.Rrf.Weights),
                Query.VariantOneofCase.Fusion when query.Fusion == Fusion.Rrf => Rrf(lists, DefaultRrfK, []),
                _ => throw Unimplemented($"The emulator fuses prefetches with RRF only, not {query?.VariantCase}."),
            };
        }
        else
        {
            if (query?.VariantCase != Query.VariantOneofCase.Nearest) throw Unimplemented($"The emulator answers nearest-vector queries only, not {query?.VariantCase}.");
            var candidates = collection.Points.Values.Where(p => PayloadFilter.Matches(filter, p.Payload));
            results = query.Nearest.VariantCase switch
            {
                VectorInput.VariantOneofCase.Dense => NearestDense(collection, vectorName, query.Nearest.Dense.Data.ToArray(), candidates),
                VectorInput.VariantOneofCase.Sparse => NearestSparse(collection, vectorName, query.Nearest.Sparse, candidates),
                _ => throw Unimplemented($"The emulator does not know {query.Nearest.VariantCase} query vectors."),
            };
            results = Ordered(results);
        }
        if (threshold is { } minimum) results = results.Where(s => s.Score >= minimum);
        return results.Take(limit).ToList();
    }

    // Qdrant sorts without breaking ties; the emulator breaks them by id so runs repeat.
    private static IEnumerable<Scored> Ordered(IEnumerable<Scored> results) =>
        results.OrderByDescending(s => s.Score).ThenBy(s => EmulatorState.Key(s.Point.Id), StringComparer.Ordinal);

    private static IEnumerable<Scored> NearestDense(EmulatorState.Collection collection, string name, float[] query, IEnumerable<PointStruct> candidates)
    {
        var size = DenseSize(collection, name)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
        if ((ulong)query.Length != size)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {query.Length}"));
        foreach (var point in candidates)
            if (NamedVector(point, name) is { } vector && SparseOf(vector) is null)
                yield return new Scored(point, TensorPrimitives.CosineSimilarity(query, DenseOf(vector)));
    }

    private static IEnumerable<Scored> NearestSparse(EmulatorState.Collection collection, string name, SparseVector query, IEnumerable<PointStruct> candidates)
    {
        if (!collection.SparseVectors.Map.TryGetValue(name, out var config))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
        var weights = new Dictionary<uint, float>();
        for (var i = 0; i < query.Indices.Count; i++) weights[query.Indices[i]] = query.Values[i];
        if (config.HasModifier && config.Modifier == Modifier.Idf)
        {
            // IDF over every point of the collection that has this sparse vector, filters aside, as Qdrant does.
            var stored = collection.Points.Values.Select(p => NamedVector(p, name) is { } v ? SparseOf(v) : null).Where(v => v is not null).ToList();
            foreach (var index in weights.Keys.ToList())
                weights[index] *= Idf(stored.Count, stored.Count(v => v!.Value.Indices.Contains(index)));
        }
        foreach (var point in candidates)
        {
            if (NamedVector(point, name) is not { } vector || SparseOf(vector) is not { } sparse) continue;
            var (score, overlaps) = (0f, false);
            for (var i = 0; i < sparse.Indices.Length; i++)
            {
                if (!weights.TryGetValue(sparse.Indices[i], out var weight)) continue;
                score += weight * sparse.Values[i];
                overlaps = true;
            }
            // The inverted index only finds points that share a dimension with the query.
            if (overlaps) yield return new Scored(point, score);
        }
    }

    /// <summary>Qdrant's IDF (fancy_idf in lib/segment/src/data_types/query_context.rs): ln(1 + (N − n + 0.5) / (n + 0.5)).</summary>
    public static float Idf(int pointCount, int pointsWithIndex) =>
        (float)Math.Log((pointCount - pointsWithIndex + 0.5) / (pointsWithIndex + 0.5) + 1);

    /// <summary>
    /// Qdrant's weighted RRF (rrf_scoring in lib/segment/src/common/reciprocal_rank_fusion.rs): a point at
    /// 0-based position p of a prefetch with weight w gains 1 / ((p + 1) / w + k − 1), nothing when w ≤ 0;
    /// with w = 1 that is 1 / (p + k). Weights, when given, must be one per prefetch.
    /// </summary>
    private static IEnumerable<Scored> Rrf(List<List<Scored>> lists, int k, IReadOnlyList<float> weights)
    {
        if (weights.Count > 0 && weights.Count != lists.Count)
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"Number of weights in RRF should match number of pre-fetches: got {weights.Count}, expected {lists.Count}"));
        if (k < 1) throw new RpcException(new Status(StatusCode.InvalidArgument, "Validation error: k must be at least 1"));
        var fused = new Dictionary<string, Scored>();
        for (var l = 0; l < lists.Count; l++)
        {
            var weight = weights.Count > 0 ? weights[l] : 1f;
            for (var position = 0; position < lists[l].Count; position++)
            {
                var point = lists[l][position].Point;
                var score = weight <= 0 ? 0f : 1f / ((position + 1) / weight + k - 1);
                var key = EmulatorState.Key(point.Id);
                fused[key] = fused.TryGetValue(key, out var sum) ? sum with { Score = sum.Score + score } : new Scored(point, score);
            }
        }
        return Ordered(fused.Values);
    }

    /// <summary>The size of the dense vector <paramref name="name"/> ("" for the unnamed one), or null when the collection has none.</summary>
    public static ulong? DenseSize(EmulatorState.Collection collection, string name) => collection.Vectors.ConfigCase switch
    {
        VectorsConfig.ConfigOneofCase.Params when name.Length == 0 => collection.Vectors.Params.Size,
        VectorsConfig.ConfigOneofCase.ParamsMap when collection.Vectors.ParamsMap.Map.TryGetValue(name, out var named) => named.Size,
        _ => null,
    };

    private static Vector? NamedVector(PointStruct point, string name) => point.Vectors.VectorsOptionsCase switch
    {
        Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vector when name.Length == 0 => point.Vectors.Vector,
        Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vectors_ => point.Vectors.Vectors_.Vectors.GetValueOrDefault(name),
        _ => null,
    };

#pragma warning disable CS0612, CS0618 // clients may still send the deprecated "data" (and "indices") fields
    public static float[] DenseOf(Vector vector) => vector.Dense is { } dense ? dense.Data.ToArray() : vector.Data.ToArray();

    public static (uint[] Indices, float[] Values)? SparseOf(Vector vector) =>
        vector.Sparse is { } sparse ? (sparse.Indices.ToArray(), sparse.Values.ToArray())
        : vector.Indices is { } indices ? (indices.Data.ToArray(), vector.Data.ToArray())
        : null;
#pragma warning restore CS0612, CS0618

    private static RpcException Unimplemented(string message) => new(new Status(StatusCode.Unimplemented, message));
}
