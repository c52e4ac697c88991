using Microsoft.AspNetCore.Mvc;

namespace RagChat.Api.OpenAiApi;

public static class OpenAiErrors
{
    /// <summary>The same error in OpenAI's shape: field errors are joined into the message.</summary>
    public static OpenAiError From(ProblemDetails problem)
    {
        var message = problem is HttpValidationProblemDetails validation
            ? string.Join(" ", validation.Errors.SelectMany(e => e.Value))
            : problem.Detail ?? problem.Title ?? "Error";
        var code = problem.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? "error" : "error";
        var type = problem.Status >= 500 ? "server_error" : "invalid_request_error";
        return new OpenAiError(new OpenAiErrorDetail(message, type, code));
    }
}
