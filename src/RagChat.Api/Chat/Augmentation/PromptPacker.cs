using Microsoft.Extensions.Options;
using RagChat.Api.Chat.Generation;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Augmentation;

/// <summary>What fits into the prompt: the numbered sources, the kept turns, and what was left out.</summary>
public sealed record PackedPrompt(
    IReadOnlyList<NumberedSource> Sources,
    IReadOnlyList<ChatTurn> History,
    int EstimatedPromptTokens,
    int DroppedDuplicates,
    int DroppedForBudget);

/// <summary>
/// Fits a request into the model's context window. The answer's tokens, the system prompt and the
/// question are reserved first; earlier turns get up to Llm:HistoryTokens, newest first; sources fill
/// the rest in order of relevance. Exact duplicate chunks are dropped; the sources that stay are
/// numbered [1], [2], … in rank order, the numbers the retrieval event and the citations use.
/// </summary>
public sealed class PromptPacker(ChatTokenCounter tokens, PromptBuilder prompts, IOptions<LlmOptions> options)
{
    public async Task<PackedPrompt> PackAsync(string question, IReadOnlyList<ChatTurn> history, IReadOnlyList<ChunkHit> hits, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var systemTokens = tokens.CountMessage(await prompts.RenderSystemAsync([], cancellationToken));
        var fixedTokens = systemTokens + tokens.CountMessage(question) + 3; // 3: the reply's priming
        var room = limits.ContextTokens - limits.MaxOutputTokens - fixedTokens;

        var kept = new List<ChatTurn>();
        var historyTokens = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var cost = tokens.CountMessage(history[i].Content ?? "");
            if (historyTokens + cost > Math.Min(limits.HistoryTokens, room)) break;
            kept.Insert(0, history[i]);
            historyTokens += cost;
        }
        room -= historyTokens;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var packed = new List<ChunkHit>();
        int duplicates = 0, overBudget = 0, sourceTokens = 0;
        foreach (var hit in hits)
        {
            if (!seen.Add(string.Join(' ', hit.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))) { duplicates++; continue; }
            var cost = tokens.Count(PromptBuilder.FormatSource(packed.Count + 1, hit)) + 2;
            if (sourceTokens + cost > room) { overBudget++; continue; }
            packed.Add(hit);
            sourceTokens += cost;
        }
        return new PackedPrompt(NumberedSource.Number(packed), kept, fixedTokens + historyTokens + sourceTokens, duplicates, overBudget);
    }
}
