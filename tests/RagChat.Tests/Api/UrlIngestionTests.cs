using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Tests.Fetching;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>POST /api/documents/url through the whole service, against a page served on 127.0.0.1.</summary>
public sealed class UrlIngestionTests() : LoopbackServerTests<FetchTestServer>(FetchTestServer.StartAsync)
{
    [Fact]
    public async Task LoopbackIsRefusedByDefaultWithoutARequest()
    {
        using var data = new TempDirectory();
        await using var factory = new RagChatFactory(data.Path);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/documents/url?wait=true", new { url = Server.Url("/") }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("url_refused", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task AnAllowedHostIsFetchedIngestedAndFound()
    {
        using var data = new TempDirectory();
        await using var factory = new RagChatFactory(data.Path, new Dictionary<string, string?> { ["Ingestion:Url:AllowedHosts:0"] = "127.0.0.1" });
        var client = factory.CreateClient();

        var result = await client.PostJsonAsync("/api/documents/url?wait=true", new { url = Server.Url("/articles/welcome") }, 201);
        var search = await client.PostJsonAsync("/api/search", new { query = "What did RagChat fetch?", minScore = -1 });

        var hit = search.GetProperty("results")[0];
        Assert.Equal(result.GetProperty("documentId").GetString(), hit.GetProperty("documentId").GetString());
        Assert.Equal("Welcome", hit.GetProperty("title").GetString());
        Assert.Equal(Server.Url("/articles/welcome"), hit.GetProperty("source").GetString());
        Assert.Contains("RagChat fetched this page.", hit.GetProperty("text").GetString());
    }

    [Fact]
    public async Task NonHttpSchemesAre400()
    {
        using var data = new TempDirectory();
        await using var factory = new RagChatFactory(data.Path);

        var problem = await factory.CreateClient().PostJsonAsync("/api/documents/url", new { url = "file:///etc/passwd" }, 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }
}
