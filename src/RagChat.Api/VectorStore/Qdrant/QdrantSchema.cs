using Qdrant.Client;
using Qdrant.Client.Grpc;
using RagChat.Api.Common;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// The Qdrant collection and its payload indexes, created on first write: a named dense vector
/// ("dense", the embedding's size, cosine distance) and a named sparse vector ("lexical", BM25 term
/// weights, with Qdrant's IDF modifier so the server supplies the IDF half at query time). An existing
/// collection laid out otherwise (another size or distance, or an older one without these two named
/// vectors) is refused, so vectors of two models or two layouts are never mixed. RagChat collections
/// share it as tenants: Qdrant's advice for many small partitions (one HNSW graph per tenant with
/// is_tenant, no per-collection overhead), and a new knowledge base needs no schema change.
/// </summary>
public sealed class QdrantSchema(QdrantClient client, QdrantCalls calls, string name)
{
    /// <summary>The named dense vector: the chunk's embedding.</summary>
    public const string Dense = "dense";

    /// <summary>The named sparse vector: BM25 term weights of the chunk's <see cref="TextTerms"/>.</summary>
    public const string Lexical = "lexical";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int? _dimensions;

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        _dimensions is not null || await calls.RunAsync("collection exists", () => client.CollectionExistsAsync(name, cancellationToken), cancellationToken);

    public async Task EnsureAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (_dimensions == dimensions) return;
        if (_dimensions is { } known) throw new QdrantCollectionMismatchException(name, $"{known} dimensions", $"{dimensions} dimensions");

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await calls.RunAsync("collection exists", () => client.CollectionExistsAsync(name, cancellationToken), cancellationToken))
            {
                var info = await calls.RunAsync("collection info", () => client.GetCollectionInfoAsync(name, cancellationToken), cancellationToken);
                Check(info.Config.Params, dimensions);
            }
            else
            {
                var dense = new VectorParamsMap { Map = { [Dense] = new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine } } };
                var sparse = new SparseVectorConfig { Map = { [Lexical] = new SparseVectorParams { Modifier = Modifier.Idf } } };
                await calls.RunAsync("create collection", () => client.CreateCollectionAsync(name, dense, sparseVectorsConfig: sparse,
                    cancellationToken: cancellationToken), cancellationToken);
            }
            await IndexAsync(cancellationToken);
            _dimensions = dimensions;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Check(CollectionParams stored, int dimensions)
    {
        const string layout = $"a named dense vector \"{Dense}\" and a named sparse vector \"{Lexical}\" with the IDF modifier";
        var vectors = stored.VectorsConfig;
        VectorParams? dense = null;
        if (vectors?.ConfigCase == VectorsConfig.ConfigOneofCase.ParamsMap) vectors.ParamsMap.Map.TryGetValue(Dense, out dense);
        if (dense is null)
        {
            var found = vectors?.ConfigCase == VectorsConfig.ConfigOneofCase.Params
                ? $"one unnamed {vectors.Params.Size}-dimension vector (an older RagChat layout, without lexical search)"
                : vectors?.ConfigCase == VectorsConfig.ConfigOneofCase.ParamsMap
                    ? $"named vectors {string.Join(", ", vectors.ParamsMap.Map.Keys.Select(k => $"\"{k}\""))} but no \"{Dense}\""
                    : "no dense vector";
            throw new QdrantCollectionMismatchException(name, found, $"{layout} ({dimensions} dimensions)");
        }
        if (dense.Size != (ulong)dimensions)
            throw new QdrantCollectionMismatchException(name, $"{dense.Size} dimensions", $"{dimensions} dimensions");
        if (dense.Distance != Distance.Cosine)
            throw new QdrantCollectionMismatchException(name, $"{dense.Distance} distance", "Cosine distance");
        SparseVectorParams? sparse = null;
        stored.SparseVectorsConfig?.Map.TryGetValue(Lexical, out sparse);
        if (sparse is null)
            throw new QdrantCollectionMismatchException(name, $"no sparse vector \"{Lexical}\"", layout);
        if (sparse.Modifier != Modifier.Idf)
            throw new QdrantCollectionMismatchException(name, $"a sparse vector \"{Lexical}\" without the IDF modifier", layout);
    }

    // Every field a filter uses is indexed; creating an index that exists is a no-op in Qdrant.
    private async Task IndexAsync(CancellationToken cancellationToken)
    {
        var tenant = new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } };
        await calls.RunAsync("index", () => client.CreatePayloadIndexAsync(name, QdrantPayload.Collection, PayloadSchemaType.Keyword, tenant, cancellationToken: cancellationToken), cancellationToken);
        foreach (var field in new[] { QdrantPayload.DocumentId, QdrantPayload.Tags, QdrantPayload.State, QdrantPayload.Version })
            await calls.RunAsync("index", () => client.CreatePayloadIndexAsync(name, field, PayloadSchemaType.Keyword, cancellationToken: cancellationToken), cancellationToken);
        foreach (var field in new[] { QdrantPayload.ChunkIndex, QdrantPayload.WrittenTicks })
            await calls.RunAsync("index", () => client.CreatePayloadIndexAsync(name, field, PayloadSchemaType.Integer, cancellationToken: cancellationToken), cancellationToken);
    }
}

/// <summary>The Qdrant collection exists with another vector size, distance or layout than this service needs.</summary>
public sealed class QdrantCollectionMismatchException(string collection, string stored, string needed)
    : RagChatException($"Qdrant collection '{collection}' is set up for {stored}, but this service needs {needed}; use another VectorStore:Qdrant:Collection.",
        StatusCodes.Status422UnprocessableEntity, "vector_dimension_mismatch");
