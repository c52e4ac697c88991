using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using RagChat.Api.Chat.Augmentation;
using RagChat.Api.Chat.Citations;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Common;

namespace RagChat.Api.Chat;

/// <summary>
/// question -> retrieve -> augment -> generate -> stream. <see cref="PrepareAsync"/> does everything
/// that can fail with a clean HTTP error (validation, retrieval) before the first byte is sent;
/// <see cref="AnswerAsync"/> then yields the events of the answer.
/// </summary>
public sealed class ChatService(Retriever retriever, IAnswerGenerator generator, ILogger<ChatService> logger)
{
    /// <summary>A validated request with its retrieved sources, ready to generate.</summary>
    public sealed record PreparedChat(string Question, IReadOnlyList<ChatTurn> History, RetrievalResult Retrieval, IReadOnlyList<NumberedSource> Sources, float MinScore);

    public async Task<PreparedChat> PrepareAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var (question, history) = ChatRequestRules.Validate(request);
        var retrieval = await retriever.RetrieveAsync(question, request.Collection, request.TopK, request.MinScore, request.Filter, cancellationToken);
        return new PreparedChat(question, history, retrieval, NumberedSource.Number(retrieval.Hits), request.MinScore ?? retriever.Defaults.MinScore);
    }

    public async IAsyncEnumerable<ChatEvent> AnswerAsync(PreparedChat chat, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new RetrievalEvent(chat.Retrieval.Query, chat.Sources.Select(s => s.Info).ToList());

        if (chat.Sources.Count == 0)
        {
            foreach (var e in NoAnswer(chat)) yield return e;
            yield break;
        }

        var started = Stopwatch.GetTimestamp();
        var tracker = new CitationTracker(chat.Sources.Select(s => new CitableSource(s.Info, Quote(s.Hit.Text))).ToList());
        var answer = new StringBuilder();
        int? promptTokens = null, completionTokens = null;
        var context = new AnswerContext(chat.Question, chat.History, chat.Sources, chat.Retrieval.QueryVector);

        await foreach (var piece in generator.GenerateAsync(context, cancellationToken))
        {
            promptTokens = piece.PromptTokens ?? promptTokens;
            completionTokens = piece.CompletionTokens ?? completionTokens;
            if (piece.Text.Length == 0) continue;
            answer.Append(piece.Text);
            yield return new DeltaEvent(piece.Text);
            foreach (var citation in tracker.Observe(answer.ToString())) yield return ToEvent(citation);
        }
        foreach (var citation in tracker.Observe(answer.ToString(), final: true)) yield return ToEvent(citation);

        var generationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var text = answer.ToString().Trim();
        var noAnswer = text.Length == 0 || NoAnswerPhrases.Declines(text);
        logger.LogInformation("Answered with {Generator} in {ElapsedMs} ms: {CitationCount} citations, {InvalidCitations} invalid, noAnswer {NoAnswer}",
            generator.Name, generationMs, tracker.Cited.Count, tracker.InvalidCount, noAnswer);

        yield return new UsageEvent(promptTokens, completionTokens, chat.Retrieval.ElapsedMs, generationMs);
        yield return new DoneEvent(text, tracker.Cited, noAnswer, generator.Name, noAnswer ? "The sources do not contain the answer." : null);
    }

    private IEnumerable<ChatEvent> NoAnswer(PreparedChat chat)
    {
        var best = chat.Retrieval.BestScore;
        var reason = best is null
            ? "The collection holds no documents that match the request."
            : $"No retrieved chunk scored at least minScore {chat.MinScore:0.###} (the best scored {best:0.###}).";
        var text = ContainsHangul(chat.Question)
            ? "문서에서 이 질문에 대한 답을 찾지 못했습니다."
            : "I could not find the answer to this question in the documents.";
        yield return new DeltaEvent(text);
        yield return new UsageEvent(null, null, chat.Retrieval.ElapsedMs, 0);
        yield return new DoneEvent(text, [], true, generator.Name, reason);
    }

    private static CitationEvent ToEvent(Citation c) => new(c.N, c.ChunkId, c.DocumentId, c.Title, c.Source, c.Page, c.Quote);

    /// <summary>The chunk's opening, cut at a word boundary near 200 characters.</summary>
    public static string Quote(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= 200) return flat;
        var cut = flat.LastIndexOf(' ', 200);
        return flat[..(cut > 100 ? cut : 200)] + "…";
    }

    private static bool ContainsHangul(string text) => text.Any(ch => ch is >= '\uAC00' and <= '\uD7A3');
}
