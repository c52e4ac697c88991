using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Fetching;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Fetching;

/// <summary>URL fetching against a real loopback server: what is fetched, what is refused before any connection, and how remote failures are reported.</summary>
public sealed class UrlFetcherTests() : LoopbackServerTests<FetchTestServer>(FetchTestServer.StartAsync)
{
    private static UrlFetcher Fetcher(params string[] allowedHosts) => Fetcher(new UrlFetchOptions { AllowedHosts = allowedHosts });

    private static UrlFetcher Fetcher(UrlFetchOptions options, RecordingNetwork? network = null) => network is null
        ? new UrlFetcher(Options.Create(options), NullLogger<UrlFetcher>.Instance)
        : new UrlFetcher(options, NullLogger<UrlFetcher>.Instance, network.Network);

    [Fact]
    public async Task LoopbackIsRefusedByDefaultAndTheServerSeesNoRequest()
    {
        using var fetcher = Fetcher();

        var error = await Assert.ThrowsAsync<UrlRefusedException>(() => fetcher.FetchAsync(Server.Url("/"), Ct));

        Assert.Equal(422, error.Status);
        Assert.Equal("url_refused", error.Code);
        Assert.Equal($"http://127.0.0.1:{Server.Port}/ resolves to 127.0.0.1, a loopback address; RagChat does not fetch private, "
            + "loopback or link-local addresses unless Ingestion:Url:AllowedHosts names them.", error.Message);
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/")]
    [InlineData("http://2130706433:{0}/")]
    [InlineData("http://0x7f.1:{0}/")]
    public async Task OtherSpellingsOfLoopbackAreRefused(string template)
    {
        // The fake resolver knows no names: a spelling not read as an address would fail as unresolved, not refused.
        var network = new RecordingNetwork();
        using var fetcher = Fetcher(new UrlFetchOptions(), network);

        var error = await Assert.ThrowsAsync<UrlRefusedException>(() => fetcher.FetchAsync(string.Format(template, Server.Port), Ct));

        Assert.Contains("127.0.0.1, a loopback address", error.Message);
        Assert.Empty(network.Dialled);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task AHostNameThatResolvesToLoopbackIsRefusedWithoutDialling()
    {
        var network = new RecordingNetwork().Resolve("docs.example.test", "127.0.0.1");
        using var fetcher = Fetcher(new UrlFetchOptions(), network);

        var error = await Assert.ThrowsAsync<UrlRefusedException>(() => fetcher.FetchAsync($"http://docs.example.test:{Server.Port}/", Ct));

        Assert.Contains("resolves to 127.0.0.1, a loopback address", error.Message);
        Assert.Empty(network.Dialled);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task OnlyThePublicAddressesOfAMixedAnswerAreDialled()
    {
        var network = new RecordingNetwork().Resolve("mixed.example.test", "127.0.0.1", "203.0.113.7");
        using var fetcher = Fetcher(new UrlFetchOptions(), network);

        var error = await Assert.ThrowsAsync<UrlFetchFailedException>(() => fetcher.FetchAsync($"http://mixed.example.test:{Server.Port}/", Ct));

        Assert.Contains("refused the connection", error.Message);
        Assert.Equal([IPAddress.Parse("203.0.113.7")], network.Dialled.Select(e => e.Address));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task AnAllowedLoopbackPageIsFetchedWithItsNameTypeAndUserAgent()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var file = await fetcher.FetchAsync(Server.Url("/"), Ct);

        Assert.Equal(FetchTestServer.Html, Encoding.UTF8.GetString(file.Content));
        Assert.Equal("index.html", file.FileName);
        Assert.Equal("text/html; charset=utf-8", file.ContentType);
        Assert.Equal(new Uri(Server.Url("/")), file.FinalUri);
        Assert.Equal(("/", "RagChat/1.0 (+document ingestion)"), Assert.Single(Server.Requests));
    }

    [Theory]
    [InlineData("/articles/welcome", "welcome.html")]
    [InlineData("/files/notes.txt", "notes.txt")]
    [InlineData("/download", "Quarterly report.pdf")]
    public async Task TheFileNameComesFromTheHeaderThePathOrTheContentType(string path, string expected)
    {
        using var fetcher = Fetcher("127.0.0.0/8");

        var file = await fetcher.FetchAsync(Server.Url(path), Ct);

        Assert.Equal(expected, file.FileName);
    }

    [Fact]
    public async Task AnAllowedHostNameOpensTheAddressesItResolvesTo()
    {
        var network = new RecordingNetwork().Resolve("intranet.example.test", "127.0.0.1");
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["INTRANET.example.test"] }, network);

        var file = await fetcher.FetchAsync($"http://intranet.example.test:{Server.Port}/files/notes.txt", Ct);

        Assert.Equal("plain notes", Encoding.UTF8.GetString(file.Content));
    }

    [Fact]
    public async Task ARedirectToCloudMetadataIsRefusedBeforeConnecting()
    {
        var network = new RecordingNetwork();
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"] }, network);

        var error = await Assert.ThrowsAsync<UrlRefusedException>(() => fetcher.FetchAsync(Server.Url("/to-metadata"), Ct));

        Assert.StartsWith("http://169.254.169.254/latest/meta-data resolves to 169.254.169.254, a link-local address;", error.Message);
        Assert.All(network.Dialled, endpoint => Assert.Equal(IPAddress.Loopback, endpoint.Address));
        Assert.NotEmpty(network.Dialled);
        Assert.Equal(["/to-metadata"], Server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ARedirectToAHostNameThatResolvesToMetadataIsRefusedBeforeConnecting()
    {
        var network = new RecordingNetwork().Resolve("metadata.example.test", "169.254.169.254");
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"] }, network);
        var url = Server.Url("/redirect?to=" + Uri.EscapeDataString("http://metadata.example.test/latest/meta-data"));

        var error = await Assert.ThrowsAsync<UrlRefusedException>(() => fetcher.FetchAsync(url, Ct));

        Assert.StartsWith("http://metadata.example.test/latest/meta-data resolves to 169.254.169.254, a link-local address;", error.Message);
        Assert.All(network.Dialled, endpoint => Assert.Equal(IPAddress.Loopback, endpoint.Address));
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task ARedirectToANonHttpSchemeIsRefused()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var error = await Assert.ThrowsAsync<UrlRefusedException>(() => fetcher.FetchAsync(Server.Url("/to-file"), Ct));

        Assert.Contains("redirected to a file: URL", error.Message);
    }

    [Fact]
    public async Task ARedirectToAnotherPathOnTheSameServerIsFollowed()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var file = await fetcher.FetchAsync(Server.Url("/moved"), Ct);

        Assert.Equal(new Uri(Server.Url("/files/notes.txt")), file.FinalUri);
        Assert.Equal("notes.txt", file.FileName);
        Assert.Equal("plain notes", Encoding.UTF8.GetString(file.Content));
    }

    [Fact]
    public async Task RedirectsUpToMaxRedirectsAreFollowed()
    {
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"], MaxRedirects = 2 });

        var file = await fetcher.FetchAsync(Server.Url("/hop/1"), Ct); // /hop/1 -> /hop/0 -> /files/notes.txt

        Assert.Equal("notes.txt", file.FileName);
    }

    [Fact]
    public async Task MoreThanMaxRedirectsFailsWithoutFollowingTheLast()
    {
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"], MaxRedirects = 2 });

        var error = await Assert.ThrowsAsync<UrlFetchFailedException>(() => fetcher.FetchAsync(Server.Url("/hop/2"), Ct));

        Assert.Equal("url_fetch_failed", error.Code);
        Assert.Contains("redirected more than 2 times", error.Message);
        Assert.Equal(["/hop/2", "/hop/1", "/hop/0"], Server.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("ftp://127.0.0.1/file.txt")]
    [InlineData("data:text/plain,hello")]
    [InlineData("gopher://127.0.0.1:70/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    [InlineData("http://")]
    [InlineData("example.com/page")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task NonHttpSchemesAndMalformedUrlsAreBadRequests(string url)
    {
        using var fetcher = Fetcher("127.0.0.1");

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => fetcher.FetchAsync(url, Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal(["url"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("/sized/100000")]
    [InlineData("/chunked")]
    public async Task ABodyOverMaxBytesIsTooLargeWithOrWithoutContentLength(string path)
    {
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"], MaxBytes = 4096 });

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => fetcher.FetchAsync(Server.Url(path), Ct));

        Assert.Equal(413, error.Status);
        Assert.Contains("larger than 4096 bytes (Ingestion:Url:MaxBytes)", error.Message);
    }

    [Fact]
    public async Task ABodyOfExactlyMaxBytesIsAccepted()
    {
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"], MaxBytes = 4096 });

        var file = await fetcher.FetchAsync(Server.Url("/sized/4096"), Ct);

        Assert.Equal(4096, file.Content.Length);
    }

    [Fact]
    public async Task ASlowServerTimesOut()
    {
        using var fetcher = Fetcher(new UrlFetchOptions { AllowedHosts = ["127.0.0.1"], TimeoutSeconds = 1 });

        var error = await Assert.ThrowsAsync<UrlFetchFailedException>(() => fetcher.FetchAsync(Server.Url("/slow"), Ct));

        Assert.Contains("within 1 s (Ingestion:Url:TimeoutSeconds)", error.Message);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotReportedAsAFailedFetch()
    {
        using var fetcher = Fetcher("127.0.0.1");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(Server.Url("/slow"), cancel.Token));
    }

    [Fact]
    public async Task ARemote404FailsNamingTheStatus()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var error = await Assert.ThrowsAsync<UrlFetchFailedException>(() => fetcher.FetchAsync(Server.Url("/missing"), Ct));

        Assert.Equal(422, error.Status);
        Assert.Equal($"Fetching {Server.Url("/missing")} failed: the server answered 404 Not Found.", error.Message);
    }

    [Fact]
    public async Task AClosedPortFailsAsARefusedConnection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = Fetcher("127.0.0.1");

        var error = await Assert.ThrowsAsync<UrlFetchFailedException>(() => fetcher.FetchAsync($"http://127.0.0.1:{port}/", Ct));

        Assert.Contains("refused the connection", error.Message);
    }

    [Fact]
    public async Task AnUnknownHostFailsAsUnresolved()
    {
        var network = new RecordingNetwork();
        using var fetcher = Fetcher(new UrlFetchOptions(), network);

        var error = await Assert.ThrowsAsync<UrlFetchFailedException>(() => fetcher.FetchAsync("http://nowhere.example.test/", Ct));

        Assert.Equal("The host of http://nowhere.example.test/ could not be resolved.", error.Message);
        Assert.Empty(network.Dialled);
    }
}
