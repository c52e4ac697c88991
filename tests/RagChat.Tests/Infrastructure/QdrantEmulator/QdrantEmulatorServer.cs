using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace RagChat.Tests.Infrastructure.QdrantEmulator;

/// <summary>
/// A Qdrant stand-in for tests: Qdrant's gRPC services over HTTP/2 (h2c) on a loopback port, so the
/// real Qdrant.Client and our store code run unchanged. Holds data in memory and injects faults.
/// A test double only; it is not part of the product.
/// </summary>
public sealed class QdrantEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private QdrantEmulatorServer(WebApplication app, EmulatorState state, string endpoint)
    {
        _app = app;
        State = state;
        Endpoint = endpoint;
    }

    public EmulatorState State { get; }

    /// <summary>http://127.0.0.1:PORT, for VectorStore:Qdrant:Endpoint.</summary>
    public string Endpoint { get; }

    public static async Task<QdrantEmulatorServer> StartAsync()
    {
        var state = new EmulatorState();
        var (app, address) = await LoopbackApp.StartAsync(
            web =>
            {
                web.MapGrpcService<EmulatedCollections>();
                web.MapGrpcService<EmulatedPoints>();
                web.MapGrpcService<EmulatedHealth>();
            },
            builder =>
            {
                // gRPC without TLS needs HTTP/2 with prior knowledge (h2c).
                builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = HttpProtocols.Http2));
                builder.Services.AddGrpc();
                builder.Services.AddSingleton(state);
            });
        return new QdrantEmulatorServer(app, state, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
