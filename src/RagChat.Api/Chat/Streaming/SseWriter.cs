using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace RagChat.Api.Chat.Streaming;

/// <summary>
/// Writes server-sent events and flushes each one, so clients see it at once. During a gap longer
/// than Streaming:KeepAliveSeconds it writes a ": keep-alive" comment, which SSE clients ignore but
/// which keeps proxies and load balancers from closing an idle connection.
/// </summary>
public sealed class SseWriter : IAsyncDisposable
{
    private readonly HttpResponse _response;
    private readonly CancellationToken _aborted;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _closed;
    private readonly CancellationTokenSource _stop;
    private readonly Task _keepAlive;
    private long _lastWrite = Stopwatch.GetTimestamp();

    private SseWriter(HttpResponse response, TimeSpan keepAlive, CancellationToken aborted)
    {
        _response = response;
        _aborted = aborted;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _keepAlive = KeepAliveAsync(keepAlive, _stop.Token);
    }

    public static SseWriter Start(HttpContext context, string contentType = "text/event-stream; charset=utf-8")
    {
        var response = context.Response;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        // Tell reverse proxies (nginx) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var keepAlive = TimeSpan.FromSeconds(context.RequestServices.GetRequiredService<IOptions<StreamingOptions>>().Value.KeepAliveSeconds);
        return new SseWriter(response, keepAlive, context.RequestAborted);
    }

    public static JsonSerializerOptions JsonOptions(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    /// <summary>A chat event, named after its kind.</summary>
    public Task WriteEventAsync(ChatEvent chatEvent, JsonSerializerOptions json, CancellationToken cancellationToken) =>
        WriteEventAsync(chatEvent.Name, chatEvent, json, cancellationToken);

    /// <summary>A named event with JSON data.</summary>
    public Task WriteEventAsync(string name, object data, JsonSerializerOptions json, CancellationToken cancellationToken) =>
        WriteRawAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, data.GetType(), json)}\n\n", cancellationToken);

    /// <summary>An unnamed data line, as OpenAI's stream uses.</summary>
    public Task WriteDataAsync(string data, CancellationToken cancellationToken) => WriteRawAsync($"data: {data}\n\n", cancellationToken);

    private async Task WriteRawAsync(string text, CancellationToken cancellationToken, bool keepAlive = false)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // No keep-alive after the stream closed; and the write itself only stops when the client
            // leaves: cancelling a pending flush would make Kestrel abort the connection.
            if (keepAlive && _closed) return;
            await _response.WriteAsync(text, Encoding.UTF8, _aborted);
            await _response.Body.FlushAsync(_aborted);
            Interlocked.Exchange(ref _lastWrite, Stopwatch.GetTimestamp());
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task KeepAliveAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var idle = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastWrite));
                if (idle >= interval) await WriteRawAsync(": keep-alive\n\n", cancellationToken, keepAlive: true);
                else await Task.Delay(interval - idle, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stream ended or the client left: nothing to keep alive.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        _closed = true;
        _gate.Release();
        await _stop.CancelAsync();
        await _keepAlive;
        _stop.Dispose();
        _gate.Dispose();
    }
}
