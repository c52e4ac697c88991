using Qdrant.Client;
using Qdrant.Client.Grpc;
using RagChat.Api.Common;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// The Qdrant collection and its payload indexes, created on first write with the embedding's size and
/// cosine distance. An existing collection with another size or distance is refused, so vectors of two
/// models are never mixed. RagChat collections share it as tenants: Qdrant's advice for many small
/// partitions (one HNSW graph per tenant with is_tenant, no per-collection overhead), and a new
/// knowledge base needs no schema change.
/// </summary>
public sealed class QdrantSchema(QdrantClient client, QdrantCalls calls, string name)
{
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
                var vectors = info.Config.Params.VectorsConfig.Params;
                if (vectors.Size != (ulong)dimensions)
                    throw new QdrantCollectionMismatchException(name, $"{vectors.Size} dimensions", $"{dimensions} dimensions");
                if (vectors.Distance != Distance.Cosine)
                    throw new QdrantCollectionMismatchException(name, $"{vectors.Distance} distance", "Cosine distance");
            }
            else
            {
                await calls.RunAsync("create collection", () => client.CreateCollectionAsync(name,
                    new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine }, cancellationToken: cancellationToken), cancellationToken);
            }
            await IndexAsync(cancellationToken);
            _dimensions = dimensions;
        }
        finally
        {
            _gate.Release();
        }
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

/// <summary>The Qdrant collection exists with another vector size or distance than this service's model needs.</summary>
public sealed class QdrantCollectionMismatchException(string collection, string stored, string needed)
    : RagChatException($"Qdrant collection '{collection}' is set up for {stored}, but this service's embedding model needs {needed}; use another VectorStore:Qdrant:Collection.",
        StatusCodes.Status422UnprocessableEntity, "vector_dimension_mismatch");
