using System.Net;
using System.Net.Http.Json;
using System.Text;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>Malformed requests that once slipped past validation: each is a 400, never a 500.</summary>
public sealed class BadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/api/chat", """{"messages":[null]}""")]
    [InlineData("/api/chat/stream", """{"messages":[null]}""")]
    [InlineData("/api/search", """{"query":"x","filter":{"tags":[null]}}""")]
    [InlineData("/api/chat", """{"question":"x","filter":{"anyTags":[""]}}""")]
    [InlineData("/v1/chat/completions", """{"model":"ragchat","messages":[null]}""")]
    public async Task MalformedRequestsAre400(string path, string body)
    {
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AttentionAnswersTooLargeForOneResponseMustNameALayerOrHead()
    {
        var text = string.Join(' ', Enumerable.Repeat("tower", 200));

        var all = await _client.PostJsonAsync("/api/attention/self", new { text }, 400);
        var picture = await _client.PostJsonAsync("/api/attention/self?format=svg", new { text, layer = 5 }, 400);
        var oneHead = await _client.PostAsJsonAsync("/api/attention/self?format=svg", new { text, layer = 5, head = 0 }, TestContext.Current.CancellationToken);

        Assert.True(all.GetProperty("errors").TryGetProperty("layer", out _));
        Assert.True(picture.GetProperty("errors").TryGetProperty("head", out _));
        Assert.Equal(HttpStatusCode.OK, oneHead.StatusCode);
    }

    [Theory]
    [InlineData("""["hi"]""")]
    [InlineData("""[{"type":1}]""")]
    [InlineData("""[{"type":"text","text":5},{"type":"text","text":"What is MLflow?"}]""")]
    public async Task MalformedOpenAiContentPartsAreSkippedNotA500(string content)
    {
        var body = $$"""{"model":"ragchat","messages":[{"role":"user","content":{{content}}}]}""";

        var response = await _client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode is 200 or 400, $"got {(int)response.StatusCode}");
    }
}
