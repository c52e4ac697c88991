namespace RagChat.Api.Common;

/// <summary>Collects field errors and throws them as one 400 ValidationProblem.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
        }
        return this;
    }

    public Validation NotBlank(string? value, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), field, $"'{field}' must not be empty.");

    public Validation InRange(int? value, int min, int max, string field) =>
        Require(value is null || (value >= min && value <= max), field, $"'{field}' must be between {min} and {max}.");

    public Validation InRange(float? value, float min, float max, string field) =>
        Require(value is null || (value >= min && value <= max), field, $"'{field}' must be between {min} and {max}.");

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
