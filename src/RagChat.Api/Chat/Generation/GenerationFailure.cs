using System.ClientModel;
using System.Net;
using Microsoft.SemanticKernel;
using RagChat.Api.Common;

namespace RagChat.Api.Chat.Generation;

/// <summary>The chat model failed: the provider's answer, translated into what our client should do next.</summary>
public sealed class GenerationFailedException(string message, int status, string code, bool retryable, Exception inner, TimeSpan? retryAfter = null)
    : RagChatException(message, status, code, inner)
{
    public override bool Retryable => retryable;

    /// <summary>How long the provider asked us to wait (429), passed on to our client as Retry-After.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Our own errors pass through; provider and network errors become a 502, 503 or 504.</summary>
    public static RagChatException From(Exception exception)
    {
        if (exception is RagChatException own) return own;
        var status = ProviderStatus(exception);
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new GenerationFailedException("The chat model refused the API key (check Llm:ApiKey).", 502, "llm_unauthorized", false, exception),
            HttpStatusCode.TooManyRequests =>
                new GenerationFailedException("The chat model is rate-limited; try again shortly.", 503, "llm_rate_limited", true, exception, RetryAfterOf(exception)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => Timeout(exception),
            { } s when (int)s >= 500 => new GenerationFailedException($"The chat model failed ({(int)s}).", 502, "llm_error", true, exception),
            { } s => new GenerationFailedException($"The chat model rejected the request ({(int)s}).", 502, "llm_error", false, exception),
            null when IsTimeout(exception) => Timeout(exception),
            null when Find<HttpRequestException>(exception) is not null || Find<IOException>(exception) is not null =>
                new GenerationFailedException("The connection to the chat model failed.", 502, "llm_unreachable", true, exception),
            _ => new GenerationFailedException("Answer generation failed.", 500, "generation_failed", false, exception),
        };
    }

    private static GenerationFailedException Timeout(Exception e) =>
        new("The chat model did not answer in time (Llm:TimeoutSeconds).", 504, "llm_timeout", true, e);

    /// <summary>The provider's HTTP status, wherever the SDK layers put it; null when no response came.</summary>
    private static HttpStatusCode? ProviderStatus(Exception exception) =>
        Find<ClientResultException>(exception) is { Status: > 0 } client ? (HttpStatusCode)client.Status
        : Find<HttpOperationException>(exception)?.StatusCode;

    private static bool IsTimeout(Exception exception) =>
        Find<TimeoutException>(exception) is not null || Find<TaskCanceledException>(exception) is not null;

    private static TimeSpan? RetryAfterOf(Exception exception)
    {
        var response = Find<ClientResultException>(exception)?.GetRawResponse();
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value)) return null;
        return int.TryParse(value, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is T match) return match;
        return null;
    }
}
