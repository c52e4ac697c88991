namespace RagChat.Api.OpenAiApi;

/// <summary>The OpenAI-compatible endpoint (section <c>OpenAiApi</c>).</summary>
public sealed class OpenAiApiOptions
{
    public const string Section = "OpenAiApi";

    /// <summary>When set, /v1 requests must send <c>Authorization: Bearer KEY</c>, as OpenAI clients do. Keep it in the environment (OpenAiApi__ApiKey).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model name that means the default collection.</summary>
    public const string DefaultModel = "ragchat";
}
