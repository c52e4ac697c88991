using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace RagChat.Api.Chat.Streaming;

/// <summary>Writes named server-sent events with JSON data and flushes each one, so clients see it at once.</summary>
public sealed class SseWriter(HttpResponse response, JsonSerializerOptions json)
{
    public static SseWriter Start(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tell reverse proxies (nginx) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new SseWriter(response, json);
    }

    public async Task WriteAsync(ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(chatEvent, chatEvent.GetType(), json);
        await response.WriteAsync($"event: {chatEvent.Name}\ndata: {data}\n\n", Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
