using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>Each provider failure before the first token becomes the right ProblemDetails; transient ones are retried a bounded number of times.</summary>
public sealed class LlmErrorMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An app over the MLflow corpus whose LLM stub misbehaves as <paramref name="mode"/> says.</summary>
    private static async Task<LlmTestApp> FailingAsync(OpenAiStubServer.Behaviour mode, IDictionary<string, string?>? settings = null)
    {
        var app = await LlmTestApp.StartAsync(settings);
        await app.Client.SeedMlflowCorpusAsync();
        app.Stub.Mode = mode;
        return app;
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Problem)> AskAsync(LlmTestApp app, string path = "/api/chat")
    {
        var response = await app.Client.PostAsJsonAsync(path, new { question = "What is MLflow?" }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response, problem);
    }

    [Fact]
    public async Task ARateLimitIsRetriedThenAnswered()
    {
        await using var app = await FailingAsync(OpenAiStubServer.Behaviour.RateLimited);
        app.Stub.FailuresBeforeSuccess = 1;

        var (response, answer) = await AskAsync(app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("MLflow", answer.GetProperty("answer").GetString());
        Assert.Equal(2, app.Stub.StreamingRequestCount);
    }

    [Fact]
    public async Task APersistentRateLimitIs503RetryableWithRetryAfterAfterBoundedRetries()
    {
        await using var app = await FailingAsync(OpenAiStubServer.Behaviour.RateLimited, new Dictionary<string, string?> { ["Llm:MaxRetries"] = "2" });

        var (response, problem) = await AskAsync(app, "/api/chat/stream");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("llm_rate_limited", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("retryable").GetBoolean());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(3, app.Stub.StreamingRequestCount);
    }

    [Fact]
    public async Task AProviderServerErrorIs502AfterRetries()
    {
        await using var app = await FailingAsync(OpenAiStubServer.Behaviour.ServerError, new Dictionary<string, string?> { ["Llm:MaxRetries"] = "1" });

        var (response, problem) = await AskAsync(app);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("llm_error", problem.GetProperty("code").GetString());
        Assert.Equal(2, app.Stub.StreamingRequestCount);
    }

    [Fact]
    public async Task AModelThatDoesNotAnswerInTimeIs504()
    {
        await using var app = await FailingAsync(OpenAiStubServer.Behaviour.StallBeforeHeaders, new Dictionary<string, string?> { ["Llm:TimeoutSeconds"] = "1", ["Llm:MaxRetries"] = "0" });

        var (response, problem) = await AskAsync(app, "/api/chat/stream");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("llm_timeout", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ARejectedKeyIsNotRetried()
    {
        await using var app = await FailingAsync(OpenAiStubServer.Behaviour.Unauthorized);

        var (response, problem) = await AskAsync(app, "/api/chat/stream");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("API key", problem.GetProperty("detail").GetString());
        Assert.Equal(1, app.Stub.StreamingRequestCount);
    }
}
