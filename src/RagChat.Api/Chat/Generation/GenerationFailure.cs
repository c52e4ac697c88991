using System.ClientModel;
using System.Net;
using Microsoft.SemanticKernel;
using RagChat.Api.Common;

namespace RagChat.Api.Chat.Generation;

/// <summary>The chat model failed: the provider's answer, translated into what our client should do next.</summary>
public sealed class GenerationFailedException(string message, int status, string code, bool retryable, Exception inner)
    : RagChatException(message, status, code, inner)
{
    public override bool Retryable => retryable;

    /// <summary>Our own errors pass through; provider and network errors become a 502, 503 or 504.</summary>
    public static RagChatException From(Exception exception) => exception switch
    {
        RagChatException own => own,
        // The OpenAI SDK reports provider answers as ClientResultException (Status 0: no answer at all).
        ClientResultException { Status: 0 } e => From(e.InnerException ?? new HttpRequestException(e.Message)),
        ClientResultException { Status: var status } e => From(new HttpOperationException((HttpStatusCode)status, null, e.Message, e)),
        HttpOperationException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } e =>
            new GenerationFailedException("The chat model refused the API key (check Llm:ApiKey).", 502, "llm_unauthorized", false, e),
        HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests } e =>
            new GenerationFailedException("The chat model is rate-limited; try again shortly.", 503, "llm_rate_limited", true, e),
        HttpOperationException { InnerException: TaskCanceledException or TimeoutException } e =>
            new GenerationFailedException("The chat model did not answer in time (Llm:TimeoutSeconds).", 504, "llm_timeout", true, e),
        HttpOperationException { StatusCode: { } status } e when (int)status >= 500 =>
            new GenerationFailedException($"The chat model failed ({(int)status}).", 502, "llm_error", true, e),
        HttpOperationException e =>
            new GenerationFailedException("The chat model could not be reached or rejected the request.", 502, "llm_error", true, e),
        TimeoutException or TaskCanceledException =>
            new GenerationFailedException("The chat model did not answer in time (Llm:TimeoutSeconds).", 504, "llm_timeout", true, exception),
        HttpRequestException or IOException =>
            new GenerationFailedException("The connection to the chat model failed.", 502, "llm_unreachable", true, exception),
        _ => new GenerationFailedException("Answer generation failed.", 500, "generation_failed", false, exception),
    };
}
