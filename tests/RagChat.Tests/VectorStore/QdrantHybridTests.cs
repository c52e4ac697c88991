using Qdrant.Client;
using Qdrant.Client.Grpc;
using RagChat.Api.Common;
using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Lexical;
using RagChat.Api.VectorStore.Qdrant;
using RagChat.Tests.Infrastructure;
using RagChat.Tests.Infrastructure.QdrantEmulator;
using static RagChat.Tests.VectorStore.StoreData;

namespace RagChat.Tests.VectorStore;

/// <summary>The Qdrant store's lexical and hybrid side against the emulator: layout, vectors written, round trips, and the emulator's RRF and IDF.</summary>
public sealed class QdrantHybridTests() : LoopbackServerTests<QdrantEmulatorServer>(QdrantEmulatorServer.StartAsync)
{
    [Fact]
    public async Task ACollectionOfTheOldUnnamedLayoutIsRefused()
    {
        Server.State.Collections["ragchat"] = new EmulatorState.Collection(new VectorsConfig { Params = new VectorParams { Size = 4, Distance = Distance.Cosine } });
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat");

        var error = await Assert.ThrowsAsync<QdrantCollectionMismatchException>(() => store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0), "text")], Ct));

        Assert.Equal(422, error.Status);
        Assert.Equal("vector_dimension_mismatch", error.Code);
        Assert.Contains("unnamed 4-dimension vector", error.Message);
        Assert.Contains("\"lexical\"", error.Message);
        Assert.Contains("VectorStore:Qdrant:Collection", error.Message);
        Assert.Empty(Server.State.Collections["ragchat"].Points);
    }

    [Fact]
    public async Task ASparseVectorWithoutIdfIsRefused()
    {
        Server.State.Collections["ragchat"] = new EmulatorState.Collection(
            new VectorsConfig { ParamsMap = new VectorParamsMap { Map = { ["dense"] = new VectorParams { Size = 4, Distance = Distance.Cosine } } } },
            new SparseVectorConfig { Map = { ["lexical"] = new SparseVectorParams() } });
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat");

        var error = await Assert.ThrowsAsync<QdrantCollectionMismatchException>(() => store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0), "text")], Ct));

        Assert.Contains("without the IDF modifier", error.Message);
    }

    [Fact]
    public async Task EveryPointCarriesItsEmbeddingAndItsTermWeights()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat");

        await store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0), "Qdrant stores qdrant vectors"), Chunk("a", 1, Unit(1, 0, 0, 0), "?!")], Ct);

        var collection = Server.State.Collections["ragchat"];
        Assert.Equal(["dense"], collection.Vectors.ParamsMap.Map.Keys);
        Assert.Equal(Modifier.Idf, collection.SparseVectors.Map["lexical"].Modifier);
        var points = collection.Points.Values.OrderBy(p => p.Payload["chunk_index"].IntegerValue).ToList();
        var named = points[0].Vectors.Vectors_.Vectors;
        Assert.Equal([1f, 0, 0, 0], EmulatedSearch.DenseOf(named["dense"]));
        var sparse = EmulatedSearch.SparseOf(named["lexical"])!.Value;
        var expected = SparseTerms.ForChunk(TextTerms.Count("Qdrant stores qdrant vectors"), new QdrantOptions().LexicalAverageLength);
        Assert.Equal(expected.Indices, sparse.Indices);
        Assert.Equal(expected.Values, sparse.Values);
        // A chunk without terms has no sparse vector at all.
        Assert.Equal(["dense"], points[1].Vectors.Vectors_.Vectors.Keys);
    }

    [Fact]
    public async Task LexicalScoresAreBm25WithQdrantsIdfAndTheFixedAverageLength()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat");
        await store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0), "zephyr winds zephyr"), Chunk("a", 1, Unit(1, 0, 0, 0), "calm winds"), Chunk("a", 2, Unit(1, 0, 0, 0), "still air")], Ct);

        var hit = Assert.Single(await store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "zephyr", RetrievalMode.Lexical), Ct));

        var expected = Bm25.Idf(1, 3) * Bm25.TermWeight(2, 3, new QdrantOptions().LexicalAverageLength);
        Assert.Equal(expected, hit.Scores!.Lexical!.Score, 1e-4f);
    }

    [Fact]
    public async Task HybridSearchTakesOneQueryRoundTrip()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat");
        await store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0), "zephyr"), Chunk("a", 1, Unit(0, 1, 0, 0), "other words")], Ct);
        var before = Server.State.CallCount;

        var hits = await store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "zephyr", RetrievalMode.Hybrid), Ct);

        Assert.Equal(["a#0", "a#1"], hits.Select(h => h.ChunkId));
        Assert.Equal(2, Server.State.CallCount - before); // the batched query, then the newest-version check
    }

    [Fact]
    public async Task ReplacedTextIsNeverFoundByItsWordsEvenWhenItsCleanUpFailed()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat", maxRetries: 0);
        await store.UpsertDocumentAsync(Doc("a", hash: "v1"), [Chunk("a", 0, Unit(1, 0, 0, 0), "The secret code is 1234.")], Ct);
        Server.State.OutageAfterCalls = 2; // the new version's upsert and commit go through, the clean-up fails

        await store.UpsertDocumentAsync(Doc("a", hash: "v2"), [Chunk("a", 0, Unit(0, 1, 0, 0), "Nothing secret here.")], Ct);
        Server.State.OutageAfterCalls = null;
        Server.State.UnavailableCalls = 0;

        Assert.Equal(2, Server.State.Collections["ragchat"].Points.Count);
        Assert.Empty(await store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "code 1234", RetrievalMode.Lexical), Ct));
        Assert.Equal(["Nothing secret here."], (await store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "secret code 1234", RetrievalMode.Lexical), Ct)).Select(h => h.Text));
        Assert.Equal(["Nothing secret here."], (await store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "secret code 1234", RetrievalMode.Hybrid), Ct)).Select(h => h.Text));
    }

    private static bool Close(float x, float y) => MathF.Abs(x - y) < 1e-6f;

    [Fact]
    public async Task TheEmulatorFusesAsQdrantDoes()
    {
        using var client = new QdrantClient(new Uri(Server.Endpoint));
        await client.CreateCollectionAsync("raw", new VectorParamsMap { Map = { ["v"] = new VectorParams { Size = 2, Distance = Distance.Cosine } } }, cancellationToken: Ct);
        await client.UpsertAsync("raw", [
            new PointStruct { Id = 1, Vectors = new Dictionary<string, float[]> { ["v"] = [1, 0] } },
            new PointStruct { Id = 2, Vectors = new Dictionary<string, float[]> { ["v"] = [1, 1] } },
            new PointStruct { Id = 3, Vectors = new Dictionary<string, float[]> { ["v"] = [0, 1] } },
        ], cancellationToken: Ct);
        PrefetchQuery Prefetch(float[] vector) => new() { Query = new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { vector } } } }, Using = "v", Limit = 3 };

        // Default RRF: k = 2, positions from 0, so the top of each list scores 1/2, the next 1/3.
        var plain = await client.QueryAsync("raw", new Query { Fusion = Fusion.Rrf }, [Prefetch([1, 0]), Prefetch([0, 1])], cancellationToken: Ct);
        // Weights stretch positions: 1 / ((p + 1) / w + k − 1).
        var weighted = await client.QueryAsync("raw", new Query { Rrf = new Rrf { K = 10, Weights = { 2f, 0f } } }, [Prefetch([1, 0]), Prefetch([0, 1])], cancellationToken: Ct);
        var mismatched = new Query { Rrf = new Rrf { Weights = { 1f } } };

        Assert.Equal([1f / 2 + 1f / 4, 1f / 3 + 1f / 3, 1f / 4 + 1f / 2], plain.OrderBy(p => p.Id.Num).Select(p => p.Score), Close);
        Assert.Equal([1f / (0.5f + 9), 1f / (1f + 9), 1f / (1.5f + 9)], weighted.OrderBy(p => p.Id.Num).Select(p => p.Score), Close);
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.QueryAsync("raw", mismatched, [Prefetch([1, 0]), Prefetch([0, 1])], cancellationToken: Ct));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
    }
}
