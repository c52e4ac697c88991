using System.Net;
using RagChat.Api.Ingestion.Fetching;

namespace RagChat.Tests.Fetching;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::127.0.0.1", AddressKind.Loopback)]
    [InlineData("64:ff9b::7f00:1", AddressKind.Loopback)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("fe80::1%2", AddressKind.LinkLocal)]
    [InlineData("febf:ffff::1", AddressKind.LinkLocal)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("::ffff:192.168.0.1", AddressKind.Private)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456:789a::1", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.CarrierGradeNat)]
    [InlineData("100.127.255.255", AddressKind.CarrierGradeNat)]
    [InlineData("::ffff:100.64.0.1", AddressKind.CarrierGradeNat)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("::ffff:0.0.0.0", AddressKind.Unspecified)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("::ffff:224.0.0.251", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("::ffff:255.255.255.255", AddressKind.Broadcast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    public void RefusedRangesAreRecognised(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("fe7f::1")]
    [InlineData("fbff::1")]
    public void PublicAddressesAreAllowed(string address) =>
        Assert.Equal(AddressKind.Public, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void AnEmptyAllowListRefusesEveryNonPublicAddress()
    {
        var policy = new FetchAddressPolicy([]);

        Assert.Equal(AddressKind.Private, policy.Refusal("wiki.internal", IPAddress.Parse("10.0.0.5")));
        Assert.Equal(AddressKind.Loopback, policy.Refusal("localhost", IPAddress.Loopback));
        Assert.Null(policy.Refusal("example.com", IPAddress.Parse("93.184.215.14")));
    }

    [Theory]
    [InlineData("10.20.30.40", null)]
    [InlineData("::ffff:10.20.30.40", null)]
    [InlineData("192.168.1.77", null)]
    [InlineData("192.168.2.1", AddressKind.Private)]
    [InlineData("fd00::5", null)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    public void CidrEntriesOpenOnlyTheAddressesInside(string address, AddressKind? expected)
    {
        var policy = new FetchAddressPolicy(["10.0.0.0/8", "192.168.1.0/24", "fd00::/8"]);

        Assert.Equal(expected, policy.Refusal("host.example.com", IPAddress.Parse(address)));
    }

    [Fact]
    public void ASingleAddressEntryAlsoCoversItsMappedForm()
    {
        var policy = new FetchAddressPolicy(["127.0.0.1"]);

        Assert.Null(policy.Refusal("127.0.0.1", IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Refusal("::ffff:127.0.0.1", IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal(AddressKind.Loopback, policy.Refusal("127.0.0.2", IPAddress.Parse("127.0.0.2")));
        Assert.Equal(AddressKind.Loopback, policy.Refusal("::1", IPAddress.IPv6Loopback));
    }

    [Fact]
    public void ARangeWrittenWithHostBitsKeepsTheWholeRange()
    {
        var policy = new FetchAddressPolicy(["10.1.2.3/8"]);

        Assert.Null(policy.Refusal("x", IPAddress.Parse("10.200.0.1")));
    }

    [Fact]
    public void HostNameEntriesMatchCaseInsensitivelyAndOnlyThatHost()
    {
        var policy = new FetchAddressPolicy(["Intranet.Example.com"]);

        Assert.Null(policy.Refusal("intranet.example.COM", IPAddress.Parse("10.0.0.5")));
        Assert.Null(policy.Refusal("intranet.example.com.", IPAddress.Parse("10.0.0.5")));
        Assert.Equal(AddressKind.Private, policy.Refusal("other.example.com", IPAddress.Parse("10.0.0.5")));
        Assert.Equal(AddressKind.Private, policy.Refusal("evil.intranet.example.com", IPAddress.Parse("10.0.0.5")));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("intranet.example.com", true)]
    [InlineData("localhost", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("::1/129", false)]
    [InlineData("10.0.0.0/-1", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("http://intranet", false)]
    [InlineData("not a host", false)]
    [InlineData("", false)]
    public void AllowListEntriesAreValidated(string entry, bool valid) =>
        Assert.Equal(valid, FetchAddressPolicy.IsValidEntry(entry));
}
