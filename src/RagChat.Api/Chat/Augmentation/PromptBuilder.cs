using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Augmentation;

/// <summary>
/// Builds the chat prompt: a system message rendered from a Semantic Kernel prompt template that lists
/// the sources as [1], [2], … with the rules for using them, then the earlier turns, then the question.
/// </summary>
public sealed class PromptBuilder
{
    public const string DefaultTemplate = """
        You are RagChat, an assistant that answers questions using only the numbered sources below.

        Rules:
        - Use only the information in the sources. Do not add outside knowledge.
        - Cite the source of every statement with its number in square brackets, for example [1] or [2][3].
        - If the sources do not contain the answer, say plainly that the sources do not contain the answer, and do not guess.
        - Answer in the language of the question.

        Sources:
        {{$sources}}
        """;

    private readonly IPromptTemplate _template;
    private readonly Kernel _kernel = new();

    public PromptBuilder(string? template = null)
    {
        var config = new PromptTemplateConfig(template ?? DefaultTemplate)
        {
            // The rendered text becomes one system message that we build ourselves; it is never parsed
            // as SK chat markup, so the sources need no HTML encoding (which would garble quotes and code).
            AllowDangerouslySetContent = true,
        };
        _template = new KernelPromptTemplateFactory { AllowDangerouslySetContent = true }.Create(config);
    }

    /// <summary>The system message for these sources.</summary>
    public Task<string> RenderSystemAsync(IReadOnlyList<NumberedSource> sources, CancellationToken cancellationToken) =>
        _template.RenderAsync(_kernel, new KernelArguments { ["sources"] = FormatSources(sources) }, cancellationToken);

    public async Task<ChatHistory> BuildAsync(string question, IReadOnlyList<ChatTurn> history, IReadOnlyList<NumberedSource> sources, CancellationToken cancellationToken)
    {
        var chat = new ChatHistory(await RenderSystemAsync(sources, cancellationToken));
        foreach (var turn in history)
        {
            if (string.IsNullOrWhiteSpace(turn.Content)) continue;
            chat.AddMessage(turn.Role == "assistant" ? AuthorRole.Assistant : AuthorRole.User, turn.Content);
        }
        chat.AddUserMessage(question);
        return chat;
    }

    public static string FormatSources(IReadOnlyList<NumberedSource> sources) =>
        string.Join("\n\n", sources.Select(s => FormatSource(s.N, s.Hit)));

    /// <summary>One source as the prompt shows it: "[n] Title, page p" and its text.</summary>
    public static string FormatSource(int n, ChunkHit hit)
    {
        var builder = new StringBuilder().Append('[').Append(n).Append("] ").Append(hit.Title);
        if (hit.Page is { } page) builder.Append(", page ").Append(page);
        return builder.Append('\n').Append(hit.Text.Trim()).ToString();
    }
}
