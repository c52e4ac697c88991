using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("RagChat.Tests")]

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>
/// The two network steps the fetcher takes itself instead of leaving them to HttpClient. Tests swap
/// them for fakes, so they can prove which addresses were (not) dialled without leaving loopback.
/// </summary>
internal sealed record FetchNetwork(
    Func<string, CancellationToken, Task<IPAddress[]>> ResolveAsync,
    Func<IPEndPoint, CancellationToken, ValueTask<Stream>> ConnectAsync)
{
    public static FetchNetwork System { get; } = new(Dns.GetHostAddressesAsync, ConnectSocketAsync);

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
