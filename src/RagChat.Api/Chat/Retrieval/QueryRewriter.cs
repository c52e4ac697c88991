using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>The search query for a turn, and whether it differs from what the user typed.</summary>
public sealed record SearchQuery(string Text, bool Rewritten);

/// <summary>
/// Turns a follow-up ("what about its license?") into a standalone search query. With an LLM the model
/// rewrites it from the conversation; without one, a follow-up that refers back (it, its, 그것…), opens
/// like one ("what about…", "그럼…") or is one or two words long is searched with the previous question.
/// </summary>
public sealed partial class QueryRewriter(IChatCompletionService? chat, ILogger<QueryRewriter> logger)
{
    private const int TurnsShown = 6;

    public async Task<SearchQuery> RewriteAsync(string question, IReadOnlyList<ChatTurn> history, CancellationToken cancellationToken)
    {
        var previousQuestion = history.LastOrDefault(t => t.Role == "user" && !string.IsNullOrWhiteSpace(t.Content))?.Content!.Trim();
        if (previousQuestion is null) return new SearchQuery(question, false);

        if (chat is not null)
        {
            try
            {
                var rewritten = await RewriteWithModelAsync(question, history, cancellationToken);
                if (rewritten.Length > 0) return new SearchQuery(rewritten, rewritten != question);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Retrieval still works with the heuristic; the answer's own LLM call reports a provider outage.
                logger.LogWarning(e, "Query rewriting by the model failed; using the heuristic");
            }
        }
        return NeedsContext(question) ? new SearchQuery($"{previousQuestion} {question}", true) : new SearchQuery(question, false);
    }

    public static bool NeedsContext(string question) =>
        ReferringWord().IsMatch(question) || FollowUpOpening().IsMatch(question)
        || question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= 2;

    private async Task<string> RewriteWithModelAsync(string question, IReadOnlyList<ChatTurn> history, CancellationToken cancellationToken)
    {
        var transcript = new StringBuilder();
        foreach (var turn in history.TakeLast(TurnsShown))
            transcript.Append(turn.Role).Append(": ").Append(turn.Content?.Trim()).Append('\n');
        var prompt = new ChatHistory("""
            Rewrite the user's follow-up question as one standalone search query that can be understood without the conversation.
            Replace pronouns and references with what they refer to. Keep the language of the question.
            Reply with the query only, no quotes and no explanation.
            """);
        prompt.AddUserMessage($"Conversation:\n{transcript}\nFollow-up question: {question}");
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 80, Temperature = 0 };
        var reply = await chat!.GetChatMessageContentAsync(prompt, settings, kernel: null, cancellationToken);
        return (reply.Content ?? "").Trim().Trim('"', '\'', '“', '”').Trim();
    }

    [GeneratedRegex(@"^\s*(and|also|what about|how about|then|그럼|그러면|그리고|그렇다면)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUpOpening();

    [GeneratedRegex(@"\b(it|its|it's|they|them|their|theirs|this|that|these|those|he|him|his|she|her|there|one)\b|(그것|그거|그게|그건|이것|이거|이게|저것|거기|그의|그녀|그들|해당)", RegexOptions.IgnoreCase)]
    private static partial Regex ReferringWord();
}
