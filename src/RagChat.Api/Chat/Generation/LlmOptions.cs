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

    /// <summary>The model's context window in tokens: system prompt, sources, history, question and answer must fit.</summary>
    [Range(512, 2_000_000)]
    public int ContextTokens { get; set; } = 8192;

    /// <summary>Most tokens of earlier conversation turns kept in the prompt; older turns go first.</summary>
    [Range(0, 1_000_000)]
    public int HistoryTokens { get; set; } = 1500;

    /// <summary>Token counting: <c>auto</c> (by model name, o200k_base when unknown), <c>o200k_base</c> or <c>cl100k_base</c>.</summary>
    [RegularExpression("^(auto|o200k_base|cl100k_base)$")]
    public string Tokenizer { get; set; } = "auto";

    /// <summary>Retries of a failed model call before its first token (rate limits, 5xx, network); none after streaming began.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay in milliseconds; it doubles with each retry (a provider's Retry-After wins when shorter than 10 s).</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>A file holding a Semantic Kernel prompt template that replaces the built-in system prompt; it must use {{$sources}}.</summary>
    public string? PromptTemplateFile { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PromptTemplateFile is not null && !File.Exists(PromptTemplateFile))
            yield return new ValidationResult($"Llm:PromptTemplateFile '{PromptTemplateFile}' does not exist.", [nameof(PromptTemplateFile)]);
        else if (PromptTemplateFile is not null && !File.ReadAllText(PromptTemplateFile).Contains("{{$sources}}", StringComparison.Ordinal))
            yield return new ValidationResult($"Llm:PromptTemplateFile '{PromptTemplateFile}' must place the sources with {{{{$sources}}}}.", [nameof(PromptTemplateFile)]);
        if (MaxOutputTokens >= ContextTokens / 2)
            yield return new ValidationResult("Llm:MaxOutputTokens must be less than half of Llm:ContextTokens, to leave room for the sources.", [nameof(MaxOutputTokens)]);
        if (Provider == LlmProvider.Extractive) yield break;
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"Llm:Model is required when Llm:Provider is {Provider}.", [nameof(Model)]);
        if (Provider is LlmProvider.AzureOpenAI or LlmProvider.OpenAICompatible && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            yield return new ValidationResult($"Llm:Endpoint must be an absolute URL when Llm:Provider is {Provider}.", [nameof(Endpoint)]);
        if (Provider is LlmProvider.OpenAI or LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult($"Llm:ApiKey is required when Llm:Provider is {Provider} (set the environment variable Llm__ApiKey).", [nameof(ApiKey)]);
    }
}
