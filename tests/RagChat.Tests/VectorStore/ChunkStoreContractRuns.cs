using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Embedded;
using RagChat.Api.VectorStore.Qdrant;
using RagChat.Tests.Infrastructure;
using RagChat.Tests.Infrastructure.QdrantEmulator;

namespace RagChat.Tests.VectorStore;

public sealed class EmbeddedStoreContract : ChunkStoreContract
{
    private readonly TempDirectory _data = new();

    protected override Task<IChunkStore> CreateStoreAsync() => Task.FromResult<IChunkStore>(
        new EmbeddedChunkStore(Options.Create(new VectorStoreOptions { DataPath = _data.Path }), NullLogger<EmbeddedChunkStore>.Instance));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}

public sealed class EmulatedQdrantStoreContract : ChunkStoreContract
{
    private QdrantEmulatorServer? _emulator;

    protected override async Task<IChunkStore> CreateStoreAsync()
    {
        _emulator = await QdrantEmulatorServer.StartAsync();
        return QdrantStores.Create(_emulator.Endpoint, null, "ragchat");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}

/// <summary>Runs against a real Qdrant when QDRANT_URL names one (gRPC, e.g. http://localhost:6334); skipped otherwise.</summary>
public sealed class RealQdrantStoreContract : ChunkStoreContract
{
    protected override Task<IChunkStore> CreateStoreAsync()
    {
        var url = Environment.GetEnvironmentVariable("QDRANT_URL");
        if (string.IsNullOrWhiteSpace(url))
            Assert.Skip("QDRANT_URL is not set: no real Qdrant to test against (set it to a gRPC endpoint such as http://localhost:6334).");
        // A fresh collection per test, so runs never see each other's points.
        return Task.FromResult(QdrantStores.Create(url, Environment.GetEnvironmentVariable("QDRANT_API_KEY"), "ragchat_test_" + Guid.NewGuid().ToString("N")[..12]));
    }
}

public static class QdrantStores
{
    public static IChunkStore Create(string endpoint, string? apiKey, string collection, int timeoutSeconds = 10, int maxRetries = 3) =>
        new QdrantChunkStore(Options.Create(new VectorStoreOptions
        {
            Provider = VectorStoreProvider.Qdrant,
            Qdrant = new QdrantOptions { Endpoint = endpoint, ApiKey = apiKey, Collection = collection, TimeoutSeconds = timeoutSeconds, MaxRetries = maxRetries, BatchSize = 2 },
        }), NullLoggerFactory.Instance);
}
