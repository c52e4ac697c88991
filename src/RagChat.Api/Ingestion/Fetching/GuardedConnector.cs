using System.Net;
using System.Net.Sockets;

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>
/// The SocketsHttpHandler connect step: resolves the host itself and dials only addresses the policy
/// allows. Checking the address actually dialled, not the URL, is what defeats DNS rebinding and
/// redirects to internal hosts.
/// </summary>
internal sealed class GuardedConnector(FetchAddressPolicy policy, FetchNetwork network, ILogger logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var uri = context.InitialRequestMessage.RequestUri!;
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await network.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);

        var allowed = addresses.Where(a => policy.Refusal(host, a) is null).ToArray();
        if (allowed.Length == 0)
        {
            var refused = addresses[0];
            var kind = policy.Refusal(host, refused)!.Value;
            logger.LogWarning("Refused to fetch from {Host}: it resolves to {Address} ({AddressKind})", host, refused, kind);
            throw UrlRefusedException.ForAddress(uri, refused, kind);
        }
        if (allowed.Length < addresses.Length)
            logger.LogWarning("{Host} resolves to private as well as public addresses; only the public ones are tried", host);

        SocketException? last = null;
        foreach (var address in allowed)
        {
            try
            {
                return await network.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }
        throw last!;
    }
}
