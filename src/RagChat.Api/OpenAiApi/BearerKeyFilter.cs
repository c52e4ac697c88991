using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RagChat.Api.OpenAiApi;

/// <summary>Checks the optional bearer key of the OpenAI-compatible endpoint; answers 401 in OpenAI's error shape.</summary>
public sealed class BearerKeyFilter(IOptions<OpenAiApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = options.Value.ApiKey;
        if (string.IsNullOrEmpty(key)) return await next(context);

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var offered = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        // Constant-time comparison: the time taken says nothing about how much of the key was right.
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), Encoding.UTF8.GetBytes(key)))
            return await next(context);

        return TypedResults.Json(new OpenAiError(new OpenAiErrorDetail("Missing or invalid API key (send Authorization: Bearer KEY).", "invalid_request_error", "invalid_api_key")),
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
