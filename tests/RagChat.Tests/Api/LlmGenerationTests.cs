using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>The LLM path through Semantic Kernel's OpenAI connector against a stub server on a real socket.</summary>
public sealed class LlmGenerationTests : IAsyncLifetime
{
    private LlmTestApp _app = null!;
    private OpenAiStubServer _stub = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await LlmTestApp.StartAsync();
        _stub = _app.Stub;
        _client = _app.Client;
        await _client.SeedMlflowCorpusAsync();
    }

    [Fact]
    public async Task StreamedChunksReachTheClientInOrderWithCitations()
    {
        var events = await _client.StreamAsync(new { question = "What is MLflow?" });

        var deltas = events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()!).ToList();
        Assert.Equal(_stub.Pieces, deltas);
        var citation = events.Single(e => e.Name == "citation");
        Assert.Equal("mlflow", citation.Data.GetProperty("documentId").GetString());
        // The marker "[1]" arrives split over two deltas; the citation follows the delta that closes it.
        Assert.Equal(events.FindIndex(e => e.Name == "delta" && e.Data.GetProperty("text").GetString() == "1].") + 1, events.FindIndex(e => e.Name == "citation"));
        var done = events[^1];
        Assert.Equal("done", done.Name);
        Assert.Equal("llm:stub-model", done.Data.GetProperty("generator").GetString());
        Assert.Equal("MLflow manages the ML lifecycle [1].", done.Data.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task ThePromptNumbersTheSourcesAndAsksForCitations()
    {
        await _client.PostJsonAsync("/api/chat", new { question = "What is MLflow?" });

        var messages = _stub.Requests.Last().GetProperty("messages");
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Contains("[1] MLflow\n" + Fixtures.MlflowText, system);
        Assert.Contains("do not contain the answer", system);
        Assert.Equal("What is MLflow?", messages[messages.GetArrayLength() - 1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AFailureMidStreamEndsWithAnErrorEvent()
    {
        _stub.Mode = OpenAiStubServer.Behaviour.FailMidStream;

        var events = await _client.StreamAsync(new { question = "What is MLflow?" });

        Assert.Equal("retrieval", events[0].Name);
        Assert.Contains(events, e => e.Name == "delta");
        Assert.DoesNotContain(events, e => e.Name == "done");
        var error = events[^1];
        Assert.Equal("error", error.Name);
        Assert.True(error.Data.GetProperty("retryable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(error.Data.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AClientThatDisconnectsCancelsTheUpstreamRequest()
    {
        _stub.Mode = OpenAiStubServer.Behaviour.StallAfterFirstPiece;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream") { Content = JsonContent.Create(new { question = "What is MLflow?" }) };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);

        await foreach (var e in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync(cts.Token)))
        {
            if (e.Name == "delta") break; // the first token arrived; now the user closes the tab
        }
        cts.Cancel();
        response.Dispose();

        var cancelled = await Task.WhenAny(_stub.RequestAborted.Task, Task.Delay(TimeSpan.FromSeconds(10), Ct));
        Assert.Same(_stub.RequestAborted.Task, cancelled);
    }

    [Fact]
    public async Task ARejectedApiKeyIsA502ProblemBeforeTheStreamStarts()
    {
        _stub.Mode = OpenAiStubServer.Behaviour.Unauthorized;

        var response = await _client.PostAsJsonAsync("/api/chat", new { question = "What is MLflow?" }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("llm_unauthorized", problem.GetProperty("code").GetString());
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
