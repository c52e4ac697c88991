using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Api.Common;
using RagChat.Api.VectorStore;
using RagChat.Tests.Infrastructure;
using RagChat.Tests.Infrastructure.QdrantEmulator;
using static RagChat.Tests.VectorStore.StoreData;

namespace RagChat.Tests.VectorStore;

/// <summary>The Qdrant store and the whole service against the emulator, including outages and slow answers.</summary>
public sealed class QdrantFaultTests() : LoopbackServerTests<QdrantEmulatorServer>(QdrantEmulatorServer.StartAsync)
{
    [Fact]
    public async Task TransientOutagesAreRetried()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat");
        Server.State.UnavailableCalls = 2;

        await store.UpsertDocumentAsync(Doc("a", hash: "h"), [Chunk("a", 0, Unit(1, 0, 0, 0))], Ct);

        Assert.NotNull(await store.GetDocumentAsync("c", "a", Ct));
    }

    [Fact]
    public async Task AnOutageThatLastsIsA503AndLeavesTheStoredVersionWhole()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat", maxRetries: 1);
        await store.UpsertDocumentAsync(Doc("a", hash: "old"), [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(0, 1, 0, 0))], Ct);
        Server.State.UnavailableCalls = -1;

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            store.UpsertDocumentAsync(Doc("a", hash: "new"), [Chunk("a", 0, Unit(1, 1, 0, 0)), Chunk("a", 1, Unit(1, 1, 0, 0)), Chunk("a", 2, Unit(1, 1, 0, 0))], Ct));

        Assert.True(error.Retryable);
        Server.State.UnavailableCalls = 0;
        var stored = await store.GetDocumentAsync("c", "a", Ct);
        Assert.Equal("old", stored!.Value.Document.ContentHash);
        Assert.Equal(2, stored.Value.Chunks.Count);
    }

    [Fact]
    public async Task AWriteThatFailsHalfwayStaysInvisible()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat", maxRetries: 0);
        await store.UpsertDocumentAsync(Doc("a", hash: "old"), [Chunk("a", 0, Unit(1, 0, 0, 0))], Ct);
        // Batches hold 2 points: the first batch of the new version lands, then Qdrant goes away.
        Server.State.OutageAfterCalls = 1;

        await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            store.UpsertDocumentAsync(Doc("a", hash: "new"), Enumerable.Range(0, 6).Select(i => Chunk("a", i, Unit(1, 4, 0, 0))).ToList(), Ct));
        Server.State.OutageAfterCalls = null;
        Server.State.UnavailableCalls = 0;
        Assert.Equal(3, Server.State.Collections["ragchat"].Points.Count); // the old point and the first new batch, still pending

        var hits = await store.SearchAsync("c", new float[] { 1, 0, 0, 0 }, 10, -1, null, Ct);
        Assert.Equal(["a text 0"], hits.Select(h => h.Text));
    }

    [Fact]
    public async Task ReplacedTextIsNeverReturnedEvenWhenItsCleanUpFailed()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat", maxRetries: 0);
        await store.UpsertDocumentAsync(Doc("a", hash: "v1"), [Chunk("a", 0, Unit(1, 0, 0, 0), "The secret code is 1234.")], Ct);
        Server.State.OutageAfterCalls = 2; // the new version's upsert and commit go through, the clean-up fails

        await store.UpsertDocumentAsync(Doc("a", hash: "v2"), [Chunk("a", 0, Unit(0, 1, 0, 0), "Nothing secret here.")], Ct);
        Server.State.OutageAfterCalls = null;
        Server.State.UnavailableCalls = 0;

        Assert.Equal(2, Server.State.Collections["ragchat"].Points.Count); // both versions are still in Qdrant
        var hits = await store.SearchAsync("c", new float[] { 1, 0, 0, 0 }, 1, -1, null, Ct);
        Assert.DoesNotContain(hits, h => h.Text.Contains("1234"));
        Assert.Equal("Nothing secret here.", (await store.GetDocumentAsync("c", "a", Ct))!.Value.Chunks[0].Text);
    }

    [Fact]
    public async Task ASlowQdrantHitsTheDeadline()
    {
        var store = QdrantStores.Create(Server.Endpoint, null, "ragchat", timeoutSeconds: 1, maxRetries: 0);
        Server.State.Latency = TimeSpan.FromSeconds(3);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => store.SearchAsync("c", new float[] { 1, 0, 0, 0 }, 5, -1, null, Ct));
    }

    [Fact]
    public async Task TheServiceIngestsAndStreamsAnswersFromQdrant()
    {
        using var data = new TempDirectory();
        await using var factory = new RagChatFactory(data.Path, Settings());
        var client = factory.CreateClient();
        await client.SeedMlflowCorpusAsync();

        var events = await client.StreamAsync(new { question = "What is MLflow?" });

        Assert.Equal("mlflow", events.Single(e => e.Name == "citation").Data.GetProperty("documentId").GetString());
        Assert.Equal("done", events[^1].Name);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/documents", Ct);
        Assert.Equal(4, listed.GetArrayLength());
        Assert.True(Server.State.Collections["ragchat"].Indexes.SetEquals(["collection", "document_id", "tags", "state", "version", "chunk_index", "written_ticks"]));
    }

    [Fact]
    public async Task AnUnreachableQdrantMakesTheServiceNotReadyAndWritesA503()
    {
        using var data = new TempDirectory();
        await using var factory = new RagChatFactory(data.Path, Settings(maxRetries: "1"));
        var client = factory.CreateClient();
        Server.State.UnavailableCalls = -1;

        var ready = await client.GetAsync("/health/ready", Ct);
        var ingest = await client.PostAsJsonAsync("/api/documents", new { text = Fixtures.MlflowText }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Qdrant", await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        var problem = await ingest.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("retryable").GetBoolean());
        Assert.NotNull(ingest.Headers.RetryAfter);
    }

    private Dictionary<string, string?> Settings(string maxRetries = "3") => new()
    {
        ["VectorStore:Provider"] = "Qdrant",
        ["VectorStore:Qdrant:Endpoint"] = Server.Endpoint,
        ["VectorStore:Qdrant:MaxRetries"] = maxRetries,
    };
}
