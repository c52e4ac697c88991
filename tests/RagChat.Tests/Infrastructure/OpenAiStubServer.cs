using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RagChat.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat completions server on a real loopback socket, so the Semantic Kernel
/// connector, HTTP streaming and cancellation run for real. It streams <see cref="Pieces"/> as
/// chat.completion.chunk events, and can fail mid-stream or stall to test errors and disconnects.
/// </summary>
public sealed class OpenAiStubServer : IAsyncDisposable
{
    public enum Behaviour { Stream, FailMidStream, StallAfterFirstPiece, PauseAfterFirstPiece, Unauthorized, RateLimited, ServerError, StallBeforeHeaders }

    private readonly WebApplication _app;

    public Behaviour Mode { get; set; } = Behaviour.Stream;
    public IReadOnlyList<string> Pieces { get; set; } = ["MLflow ", "manages ", "the ML ", "lifecycle [", "1]."];
    public List<JsonElement> Requests { get; } = [];

    /// <summary>How many requests fail (RateLimited, ServerError) before the stub answers normally; -1: all of them.</summary>
    public int FailuresBeforeSuccess { get; set; } = -1;

    /// <summary>The reply to a non-streaming request (the query rewriter's call).</summary>
    public string CompletionReply { get; set; } = "rewritten query";

    public int StreamingRequestCount => Requests.Count(r => r.TryGetProperty("stream", out var s) && s.GetBoolean());
    public TaskCompletionSource RequestAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public string BaseUrl { get; }

    private OpenAiStubServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<OpenAiStubServer> StartAsync()
    {
        OpenAiStubServer? stub = null;
        var (app, address) = await LoopbackApp.StartAsync(web => web.MapPost("/v1/chat/completions", (HttpContext context) => stub!.HandleAsync(context)));
        stub = new OpenAiStubServer(app, address + "/v1");
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        int count;
        lock (Requests) { Requests.Add(request); count = Requests.Count; }
        var aborted = context.RequestAborted;
        aborted.Register(() => RequestAborted.TrySetResult());
        var failing = FailuresBeforeSuccess < 0 || count <= FailuresBeforeSuccess;

        switch (Mode)
        {
            case Behaviour.Unauthorized:
                await ErrorAsync(context, 401, "Incorrect API key provided.", "invalid_api_key");
                return;
            case Behaviour.RateLimited when failing:
                context.Response.Headers.RetryAfter = "1";
                await ErrorAsync(context, 429, "Rate limit reached.", "rate_limit_exceeded");
                return;
            case Behaviour.ServerError when failing:
                await ErrorAsync(context, 500, "The server had an error.", "server_error");
                return;
            case Behaviour.StallBeforeHeaders:
                await Task.Delay(TimeSpan.FromSeconds(30), aborted).ContinueWith(_ => { });
                return;
        }

        if (!(request.TryGetProperty("stream", out var stream) && stream.GetBoolean()))
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-stub", @object = "chat.completion", created = 1_700_000_000, model = "stub-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = CompletionReply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 3, total_tokens = 13 },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < Pieces.Count; i++)
        {
            await WriteChunkAsync(context, new { role = i == 0 ? "assistant" : null, content = Pieces[i] }, null);
            if (Mode == Behaviour.FailMidStream && i == 1)
            {
                await Task.Delay(300); // let the first pieces reach the client, then drop the connection
                context.Abort();
                return;
            }
            if (Mode == Behaviour.PauseAfterFirstPiece && i == 0) await Task.Delay(TimeSpan.FromSeconds(2.5), aborted);
            if (Mode == Behaviour.StallAfterFirstPiece)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted).ContinueWith(_ => { });
                return;
            }
        }
        await WriteChunkAsync(context, new { }, "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message, string code)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = new { message, type = "invalid_request_error", code } });
    }

    private static async Task WriteChunkAsync(HttpContext context, object delta, string? finishReason)
    {
        var chunk = new
        {
            id = "chatcmpl-stub",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "stub-model",
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        };
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
