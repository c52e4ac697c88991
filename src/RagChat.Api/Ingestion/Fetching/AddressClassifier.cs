using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RagChat.Api.Ingestion.Fetching;

public enum AddressKind { Public, Unspecified, Loopback, LinkLocal, Private, CarrierGradeNat, Multicast, Broadcast, Reserved }

/// <summary>
/// Sorts an IP address into the ranges a fetch must not reach by default. IPv6 forms that carry an
/// IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96) are judged by
/// the IPv4 address inside, because that is where the packets end up.
/// </summary>
public static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return ClassifyV4(address.MapToIPv4());
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressKind.Reserved,
        };
    }

    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "a public address",
        AddressKind.Unspecified => "an unspecified address",
        AddressKind.Loopback => "a loopback address",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.Private => "a private address",
        AddressKind.CarrierGradeNat => "a carrier-grade NAT address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Broadcast => "a broadcast address",
        _ => "a reserved address",
    };

    private static AddressKind ClassifyV4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var a = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (a == 0xFFFFFFFF) return AddressKind.Broadcast;
        if (In(a, 0x00000000, 8)) return AddressKind.Unspecified;     // 0.0.0.0/8: Linux connects 0.0.0.0 to the local host
        if (In(a, 0x7F000000, 8)) return AddressKind.Loopback;        // 127.0.0.0/8
        if (In(a, 0xA9FE0000, 16)) return AddressKind.LinkLocal;      // 169.254.0.0/16, cloud metadata lives here
        if (In(a, 0x0A000000, 8) || In(a, 0xAC100000, 12) || In(a, 0xC0A80000, 16)) return AddressKind.Private;
        if (In(a, 0x64400000, 10)) return AddressKind.CarrierGradeNat; // 100.64.0.0/10
        if (In(a, 0xE0000000, 4)) return AddressKind.Multicast;       // 224.0.0.0/4
        if (In(a, 0xF0000000, 4)) return AddressKind.Reserved;        // 240.0.0.0/4
        return AddressKind.Public;
    }

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any)) return AddressKind.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressKind.Loopback;
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (b[..12].IndexOfAnyExcept((byte)0) < 0) return ClassifyV4(new IPAddress(b[12..]));
        if (b[..12].SequenceEqual(Nat64Prefix)) return ClassifyV4(new IPAddress(b[12..]));
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressKind.LinkLocal; // fe80::/10
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return AddressKind.Private;   // fec0::/10, deprecated site-local
        if ((b[0] & 0xFE) == 0xFC) return AddressKind.Private;                    // fc00::/7 unique local
        if (b[0] == 0xFF) return AddressKind.Multicast;                           // ff00::/8
        return AddressKind.Public;
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];

    private static bool In(uint address, uint network, int prefix) => (address ^ network) >> (32 - prefix) == 0;
}
