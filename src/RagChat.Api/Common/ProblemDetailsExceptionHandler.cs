using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RagChat.Api.Common;

/// <summary>
/// The one place exceptions become HTTP answers: domain errors keep their status and code, malformed
/// bodies become 400, and anything unexpected a 500 ProblemDetails without internals.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted) return false;

        var problem = exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(v.Errors) { Status = v.Status, Title = v.Message },
            RagChatException e => new ProblemDetails { Status = e.Status, Title = TitleFor(e.Status), Detail = e.Message },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = TitleFor(b.StatusCode), Detail = DetailFor(b) },
            JsonException => new ProblemDetails { Status = 400, Title = TitleFor(400), Detail = "The request body is not valid JSON for this endpoint." },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => new ProblemDetails { Status = 500, Title = TitleFor(500), Detail = "An unexpected error occurred. The error is logged with this request's trace id." },
        };
        if (problem is null) return true; // the client left; nobody is there to answer

        if (problem.Status == 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        else logger.LogInformation("Request {Method} {Path} failed with {Status}: {Reason}", context.Request.Method, context.Request.Path, problem.Status, exception.Message);

        problem.Type = $"https://ragchat.dev/problems/{CodeFor(exception, problem.Status!.Value)}";
        problem.Extensions["code"] = CodeFor(exception, problem.Status.Value);
        if (exception is RagChatException { Retryable: true }) problem.Extensions["retryable"] = true;
        if (exception is Chat.Generation.GenerationFailedException { RetryAfter: { } retryAfter })
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "5";

        context.Response.StatusCode = problem.Status.Value;
        if (context.Request.Path.StartsWithSegments("/v1"))
        {
            // OpenAI clients understand OpenAI's error body, not ProblemDetails.
            await context.Response.WriteAsJsonAsync(OpenAiApi.OpenAiErrors.From(problem), cancellationToken);
            return true;
        }
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
            return true;
        // The default writer declines when Accept excludes JSON (an SSE client sends text/event-stream);
        // the client still deserves to know why.
        await context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", cancellationToken);
        return true;
    }

    private static string CodeFor(Exception exception, int status) => exception is RagChatException e ? e.Code : CodeForStatus(status);

    /// <summary>The stable code of a status whose cause has no code of its own (framework-made errors).</summary>
    public static string CodeForStatus(int status) => status switch
    {
        400 => "bad_request",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        500 => "internal_error",
        _ => $"http_{status}",
    };

    private static string DetailFor(BadHttpRequestException exception) => exception.StatusCode switch
    {
        413 => "The request body is larger than the configured limit (Ingestion:MaxRequestBytes).",
        415 => "This endpoint expects a different Content-Type.",
        _ => exception.InnerException is JsonException ? "The request body is not valid JSON for this endpoint." : exception.Message,
    };

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        404 => "Not found",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Internal server error",
    };
}
