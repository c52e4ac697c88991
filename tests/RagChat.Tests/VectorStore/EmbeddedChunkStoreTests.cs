using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Embedded;
using RagChat.Tests.Infrastructure;
using static RagChat.Tests.VectorStore.StoreData;

namespace RagChat.Tests.VectorStore;

/// <summary>What only the embedded store promises beyond the contract: SQLite atomicity and durability across restarts.</summary>
public sealed class EmbeddedChunkStoreTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmbeddedChunkStore Open() =>
        new(Options.Create(new VectorStoreOptions { DataPath = _data.Path }), NullLogger<EmbeddedChunkStore>.Instance);

    [Fact]
    public async Task AFailedReplacementLeavesThePreviousVersionOnDiskAndInMemory()
    {
        var store = Open();
        await store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0))], Ct);

        // Two chunks with the same index violate the primary key halfway through the write.
        await Assert.ThrowsAsync<SqliteException>(() => store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(0, 1)), Chunk("a", 0, Unit(0, 1))], Ct));

        var inMemory = await store.GetDocumentAsync("c", "a", Ct);
        Assert.Equal(Unit(1, 0), Assert.Single(inMemory!.Value.Chunks).Vector);
        var reopened = await Open().GetDocumentAsync("c", "a", Ct);
        Assert.Equal(Unit(1, 0), Assert.Single(reopened!.Value.Chunks).Vector);
    }

    [Fact]
    public async Task DeleteRemovesEveryChunkAndSurvivesARestart()
    {
        var store = Open();
        await store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0)), Chunk("a", 1, Unit(0, 1))], Ct);
        await store.UpsertDocumentAsync(Doc("b"), [Chunk("b", 0, Unit(1, 1))], Ct);

        Assert.True(await store.DeleteDocumentAsync("c", "a", Ct));
        Assert.False(await store.DeleteDocumentAsync("c", "a", Ct));

        var reopened = Open();
        Assert.Equal(["b"], (await reopened.ListDocumentsAsync("c", null, Ct)).Select(d => d.Id));
        Assert.All(await reopened.SearchAsync("c", Unit(1, 0), 10, -1, null, Ct), h => Assert.Equal("b", h.DocumentId));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
