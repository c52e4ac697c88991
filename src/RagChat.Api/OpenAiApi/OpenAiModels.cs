using System.Text.Json;
using System.Text.Json.Serialization;
using RagChat.Api.Chat;

namespace RagChat.Api.OpenAiApi;

// The wire shapes of OpenAI's chat completions API (snake_case), as far as RagChat serves it.

/// <summary>A chat message; <c>content</c> is a string or an array of content parts.</summary>
public sealed record OpenAiMessage(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] JsonElement Content)
{
    /// <summary>The message's text: the string, or the text parts joined.</summary>
    public string? Text() => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString(),
        // Only well-formed text parts count; images and malformed parts are skipped, not a 500.
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "text"
                && p.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(p => p.GetProperty("text").GetString())),
        _ => null,
    };
}

/// <summary>A chat completion request. <c>model</c> names the collection to answer from ("ragchat" for the default one).</summary>
public sealed record OpenAiChatRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<OpenAiMessage>? Messages,
    [property: JsonPropertyName("stream")] bool? Stream);

public sealed record OpenAiResponseMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

public sealed record OpenAiChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] OpenAiResponseMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

public sealed record OpenAiUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens)
{
    public static OpenAiUsage From(ChatUsage usage) =>
        new(usage.PromptTokens ?? 0, usage.CompletionTokens ?? 0, (usage.PromptTokens ?? 0) + (usage.CompletionTokens ?? 0));
}

/// <summary>RagChat's extension field: the sources behind the answer, which strict OpenAI clients ignore.</summary>
public sealed record RagChatExtension(
    [property: JsonPropertyName("citations")] IReadOnlyList<Citation> Citations,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceInfo> Sources,
    [property: JsonPropertyName("noAnswer")] bool NoAnswer,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("invalidCitations")] int InvalidCitations,
    [property: JsonPropertyName("bestScores")] IReadOnlyList<float> BestScores,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("rewritten")] bool Rewritten,
    [property: JsonPropertyName("generator")] string Generator)
{
    public static RagChatExtension From(ChatResponse r) =>
        new(r.Citations, r.Sources, r.NoAnswer, r.Reason, r.InvalidCitations, r.BestScores, r.Query, r.Rewritten, r.Generator);
}

public sealed record OpenAiChatCompletion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<OpenAiChoice> Choices,
    [property: JsonPropertyName("usage")] OpenAiUsage Usage,
    [property: JsonPropertyName("ragchat")] RagChatExtension RagChat);

public sealed record OpenAiDelta(
    [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

public sealed record OpenAiChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] OpenAiDelta Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

public sealed record OpenAiChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<OpenAiChunkChoice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenAiUsage? Usage = null,
    [property: JsonPropertyName("ragchat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RagChatExtension? RagChat = null);

public sealed record OpenAiModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);

public sealed record OpenAiModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<OpenAiModel> Data);

/// <summary>OpenAI's error body, which OpenAI SDKs turn into their exceptions.</summary>
public sealed record OpenAiError([property: JsonPropertyName("error")] OpenAiErrorDetail Error);

public sealed record OpenAiErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("param")] string? Param = null);
