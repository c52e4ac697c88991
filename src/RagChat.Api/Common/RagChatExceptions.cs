namespace RagChat.Api.Common;

/// <summary>Base of the errors the API maps to ProblemDetails; each carries its status and a stable code.</summary>
public abstract class RagChatException(string message, int status, string code, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public virtual bool Retryable => false;
}

public sealed class NotFoundException(string message) : RagChatException(message, StatusCodes.Status404NotFound, "not_found");

public sealed class UnsupportedMediaTypeException(string message) : RagChatException(message, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");

public sealed class UnprocessableContentException(string message, Exception? inner = null)
    : RagChatException(message, StatusCodes.Status422UnprocessableEntity, "unprocessable_content", inner);

public sealed class PayloadTooLargeException(string message) : RagChatException(message, StatusCodes.Status413PayloadTooLarge, "payload_too_large");

public sealed class DependencyUnavailableException(string message, Exception? inner = null)
    : RagChatException(message, StatusCodes.Status503ServiceUnavailable, "dependency_unavailable", inner)
{
    public override bool Retryable => true;
}

/// <summary>Field errors of a request body, answered as a 400 ValidationProblem.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : RagChatException("The request is invalid.", StatusCodes.Status400BadRequest, "validation_failed")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
