using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.Chat.Generation;

public enum LlmProvider { Extractive, OpenAI, AzureOpenAI, OpenAICompatible }

/// <summary>The chat model (section <c>Llm</c>). With <c>Extractive</c> (the default) no model is called.</summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary><c>Extractive</c> | <c>OpenAI</c> | <c>AzureOpenAI</c> | <c>OpenAICompatible</c>.</summary>
    public LlmProvider Provider { get; set; } = LlmProvider.Extractive;

    /// <summary>Base URL: required for AzureOpenAI (https://NAME.openai.azure.com) and OpenAICompatible (http://localhost:11434/v1); optional for OpenAI.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name (the deployment name on Azure OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>API key; keep it in the environment (Llm__ApiKey), never in appsettings.json.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Upper bound of the answer's length, in tokens.</summary>
    [Range(16, 32768)]
    public int MaxOutputTokens { get; set; } = 800;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.1;

    /// <summary>Seconds before a model request is abandoned.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == LlmProvider.Extractive) yield break;
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"Llm:Model is required when Llm:Provider is {Provider}.", [nameof(Model)]);
        if (Provider is LlmProvider.AzureOpenAI or LlmProvider.OpenAICompatible && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            yield return new ValidationResult($"Llm:Endpoint must be an absolute URL when Llm:Provider is {Provider}.", [nameof(Endpoint)]);
        if (Provider is LlmProvider.OpenAI or LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult($"Llm:ApiKey is required when Llm:Provider is {Provider} (set the environment variable Llm__ApiKey).", [nameof(ApiKey)]);
    }
}
