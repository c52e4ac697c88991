using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using RagChat.Api.Ingestion.Fetching;

namespace RagChat.Tests.Fetching;

/// <summary>
/// The fetcher's network with a fake DNS and a dialler that records every endpoint and connects
/// only to 127.0.0.1, so no test can send a packet anywhere else even if the guard were broken.
/// </summary>
internal sealed class RecordingNetwork
{
    private readonly Dictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<IPEndPoint> Dialled { get; } = new();

    public RecordingNetwork Resolve(string host, params string[] addresses)
    {
        _names[host] = [.. addresses.Select(IPAddress.Parse)];
        return this;
    }

    public FetchNetwork Network => new(ResolveAsync, ConnectAsync);

    private Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    private ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Dialled.Enqueue(endpoint);
        return endpoint.Address.Equals(IPAddress.Loopback)
            ? FetchNetwork.System.ConnectAsync(endpoint, cancellationToken)
            : ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
    }
}
