using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using RagChat.Api.Attention;
using RagChat.Api.Chat.Augmentation;
using RagChat.Api.Chat.Citations;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Embeddings;

namespace RagChat.Api.Chat;

/// <summary>
/// question -> retrieve -> augment -> generate -> stream. <see cref="PrepareAsync"/> and
/// <see cref="StartAsync"/> do everything that can fail with a clean HTTP error (validation, retrieval,
/// the model's first token) before the first byte is sent; <see cref="AnswerAsync"/> then yields the
/// events of the answer.
/// </summary>
public sealed class ChatService(
    QueryRewriter rewriter,
    Retriever retriever,
    PromptPacker packer,
    ChatTokenCounter tokens,
    WordPieceTokenizer tokenizer,
    IAnswerGenerator generator,
    GenerationStarter starter,
    CrossAttention attention,
    IOptions<EmbeddingOptions> embeddingOptions,
    ILogger<ChatService> logger)
{
    /// <summary>A validated request with its query, retrieval and packed prompt, ready to generate.</summary>
    public sealed record PreparedChat(string Question, SearchQuery Query, RetrievalResult Retrieval, PackedPrompt Prompt, float MinScore, bool Explain);

    private const int HighlightsPerCitation = 3;

    public async Task<PreparedChat> PrepareAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var (question, history) = ChatRequestRules.Validate(request);
        // Highlights need the whole question inside the model's window; say so now, not mid-stream.
        if (request.Explain == true) AttentionInput.Pieces(tokenizer, question, "question", embeddingOptions.Value.MaxTokens);
        var query = await rewriter.RewriteAsync(question, history, cancellationToken);
        var retrieval = await retriever.RetrieveAsync(query.Text, request.Retrieval(), cancellationToken);
        var prompt = await packer.PackAsync(question, history, retrieval.Hits, cancellationToken);
        logger.LogInformation("Prepared chat: {SourceCount} sources ({Duplicates} duplicates, {OverBudget} over budget dropped), ~{PromptTokens} prompt tokens",
            prompt.Sources.Count, prompt.DroppedDuplicates, prompt.DroppedForBudget, prompt.EstimatedPromptTokens);
        return new PreparedChat(question, query, retrieval, prompt, request.MinScore ?? retriever.Defaults.MinScore, request.Explain == true);
    }

    /// <summary>Prepare, start, and return the answer's events: every failure up to the first token throws here.</summary>
    public async Task<IAsyncEnumerable<ChatEvent>> BeginAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, cancellationToken);
        var started = await StartAsync(prepared, cancellationToken);
        return AnswerAsync(prepared, started, cancellationToken);
    }

    /// <summary>Calls the generator and waits for its first piece (retrying transient failures); null when there is nothing to generate from.</summary>
    public async Task<StartedGeneration?> StartAsync(PreparedChat chat, CancellationToken cancellationToken)
    {
        if (chat.Prompt.Sources.Count == 0) return null;
        var context = new AnswerContext(chat.Question, chat.Prompt.History, chat.Prompt.Sources, chat.Retrieval.QueryVector);
        return await starter.StartAsync(generator, context, cancellationToken);
    }

    public async IAsyncEnumerable<ChatEvent> AnswerAsync(PreparedChat chat, StartedGeneration? started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Disposed however the enumeration ends, so an abandoned answer closes its model request.
        await using var _ = started;
        yield return new RetrievalEvent(chat.Retrieval.Query, chat.Query.Rewritten, chat.Prompt.Sources.Select(s => s.Info).ToList(),
            RetrievalChoice.Name(chat.Retrieval.Mode));
        if (started is null)
        {
            foreach (var e in NoAnswer(chat)) yield return e;
            yield break;
        }

        Func<int, IReadOnlyList<Highlight>>? explain = chat.Explain
            ? n => attention.Highlights(chat.Question, chat.Prompt.Sources[n - 1].Hit.Text, HighlightsPerCitation, embeddingOptions.Value.MaxTokens)
            : null;
        var tracker = new CitationTracker(chat.Prompt.Sources.Select(s => new CitableSource(s.Info, Quote(s.Hit.Text))).ToList(), explain);
        var answer = new StringBuilder();
        int? promptTokens = null, completionTokens = null;

        await foreach (var piece in started.Pieces(cancellationToken))
        {
            promptTokens = piece.PromptTokens ?? promptTokens;
            completionTokens = piece.CompletionTokens ?? completionTokens;
            if (piece.Text.Length == 0) continue;
            answer.Append(piece.Text);
            yield return new DeltaEvent(piece.Text);
            foreach (var citation in tracker.Observe(answer.ToString())) yield return ToEvent(citation);
        }
        foreach (var citation in tracker.Observe(answer.ToString(), final: true)) yield return ToEvent(citation);

        var generationMs = started.ElapsedMs;
        var text = answer.ToString().Trim();
        var noAnswer = text.Length == 0 || NoAnswerPhrases.Declines(text);
        logger.LogInformation("Answered with {Generator} in {ElapsedMs} ms: {CitationCount} citations, {InvalidCitations} invalid, noAnswer {NoAnswer}",
            generator.Name, generationMs, tracker.Cited.Count, tracker.InvalidCount, noAnswer);

        // Providers that do not report usage get an estimate from the model's own tokenizer.
        var usesModel = generator is LlmAnswerGenerator;
        yield return new UsageEvent(
            usesModel ? promptTokens ?? chat.Prompt.EstimatedPromptTokens : null,
            usesModel ? completionTokens ?? tokens.Count(text) : null,
            chat.Retrieval.ElapsedMs, generationMs, started.TimeToFirstTokenMs);
        yield return new DoneEvent(text, tracker.Cited, noAnswer, generator.Name, noAnswer ? "The sources do not contain the answer." : null,
            tracker.InvalidCount, chat.Retrieval.BestScores);
    }

    private IEnumerable<ChatEvent> NoAnswer(PreparedChat chat)
    {
        var best = chat.Retrieval.BestScores;
        var reason = best.Count == 0 ? "The collection holds no documents that match the request."
            : chat.Retrieval.Hits.Count > 0 ? "The question and the conversation leave no room for sources within Llm:ContextTokens."
            : $"No retrieved chunk scored at least minScore {chat.MinScore:0.###} (the best scored {best[0]:0.###}).";
        var text = chat.Question.Any(ch => ch is >= '\uAC00' and <= '\uD7A3')
            ? "문서에서 이 질문에 대한 답을 찾지 못했습니다."
            : "I could not find the answer to this question in the documents.";
        yield return new DeltaEvent(text);
        yield return new UsageEvent(null, null, chat.Retrieval.ElapsedMs, 0, null);
        yield return new DoneEvent(text, [], true, generator.Name, reason, 0, best);
    }

    private static CitationEvent ToEvent(Citation c) => new(c.N, c.ChunkId, c.DocumentId, c.Title, c.Source, c.Page, c.Quote, c.Highlights, c.Heading);

    /// <summary>The chunk's opening, cut at a word boundary near 200 characters.</summary>
    public static string Quote(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= 200) return flat;
        var cut = flat.LastIndexOf(' ', 200);
        return flat[..(cut > 100 ? cut : 200)] + "…";
    }
}
