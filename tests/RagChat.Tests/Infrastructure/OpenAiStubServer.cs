using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagChat.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat completions server on a real loopback socket, so the Semantic Kernel
/// connector, HTTP streaming and cancellation run for real. It streams <see cref="Pieces"/> as
/// chat.completion.chunk events, and can fail mid-stream or stall to test errors and disconnects.
/// </summary>
public sealed class OpenAiStubServer : IAsyncDisposable
{
    public enum Behaviour { Stream, FailMidStream, StallAfterFirstPiece, Unauthorized }

    private readonly WebApplication _app;

    public Behaviour Mode { get; set; } = Behaviour.Stream;
    public IReadOnlyList<string> Pieces { get; set; } = ["MLflow ", "manages ", "the ML ", "lifecycle [", "1]."];
    public List<JsonElement> Requests { get; } = [];
    public TaskCompletionSource RequestAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public string BaseUrl { get; }

    private OpenAiStubServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<OpenAiStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OpenAiStubServer? stub = null;
        app.MapPost("/v1/chat/completions", (HttpContext context) => stub!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub = new OpenAiStubServer(app, address + "/v1");
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        lock (Requests) Requests.Add(request);
        var aborted = context.RequestAborted;
        aborted.Register(() => RequestAborted.TrySetResult());

        if (Mode == Behaviour.Unauthorized)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Incorrect API key provided.", type = "invalid_request_error", code = "invalid_api_key" } });
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
            if (Mode == Behaviour.StallAfterFirstPiece)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted).ContinueWith(_ => { });
                return;
            }
        }
        await WriteChunkAsync(context, new { }, "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n");
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
