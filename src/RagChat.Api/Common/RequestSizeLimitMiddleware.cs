using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RagChat.Api.Ingestion;

namespace RagChat.Api.Common;

/// <summary>
/// Refuses bodies over <see cref="IngestionOptions.MaxRequestBytes"/> before reading them (413), and
/// caps bodies without a Content-Length at the same size while they stream in.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<IngestionOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
            throw new PayloadTooLargeException($"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes (Ingestion:MaxRequestBytes).");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        return next(context);
    }
}
