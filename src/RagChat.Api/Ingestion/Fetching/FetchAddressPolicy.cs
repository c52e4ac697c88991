using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>Decides whether a host's address may be connected to: public addresses always, others only when the allow-list names the host, the address or its range.</summary>
public sealed class FetchAddressPolicy
{
    private readonly HashSet<string> _hostNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _networks = [];

    public FetchAddressPolicy(IEnumerable<string> allowedHosts)
    {
        foreach (var entry in allowedHosts)
        {
            if (TryParseNetwork(entry, out var network)) _networks.Add(network);
            else if (TryNormalizeHostName(entry, out var host)) _hostNames.Add(host);
            else throw new ArgumentException($"'{entry}' is not a host name, an IP address or a CIDR range.", nameof(allowedHosts));
        }
    }

    public static bool IsValidEntry(string? entry) =>
        entry is not null && (TryParseNetwork(entry, out _) || TryNormalizeHostName(entry, out _));

    /// <summary>The reason <paramref name="address"/> of <paramref name="host"/> is refused, or null when it may be connected to.</summary>
    public AddressKind? Refusal(string host, IPAddress address)
    {
        var kind = AddressClassifier.Classify(address);
        return kind == AddressKind.Public || IsListed(host, address) ? null : kind;
    }

    private bool IsListed(string host, IPAddress address)
    {
        if (TryNormalizeHostName(host, out var name) && _hostNames.Contains(name)) return true;
        // "127.0.0.1" in the list also covers ::ffff:127.0.0.1, the same destination.
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (plain.AddressFamily == AddressFamily.InterNetworkV6 && plain.ScopeId != 0) plain = new IPAddress(plain.GetAddressBytes());
        return _networks.Exists(n => n.Contains(plain));
    }

    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        network = default;
        var text = entry.Trim();
        var slash = text.IndexOf('/');
        var addressText = (slash < 0 ? text : text[..slash]).Trim('[', ']');
        if (!IPAddress.TryParse(addressText, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bits = address.GetAddressBytes().Length * 8;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
            return false;
        // Operators write 10.1.2.3/8 as readily as 10.0.0.0/8; keep the range, drop the host bits.
        network = new IPNetwork(Mask(address, prefix), prefix);
        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    private static bool TryNormalizeHostName(string entry, out string host)
    {
        host = entry.Trim().TrimEnd('.');
        if (Uri.CheckHostName(host) != UriHostNameType.Dns) return false;
        try { host = new IdnMapping().GetAscii(host).ToLowerInvariant(); }
        catch (ArgumentException) { return false; }
        return true;
    }
}
