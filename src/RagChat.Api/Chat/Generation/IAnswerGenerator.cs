using RagChat.Api.Chat.Augmentation;

namespace RagChat.Api.Chat.Generation;

/// <summary>Everything a generator may use: the question, the earlier turns, the numbered sources and the question's embedding.</summary>
public sealed record AnswerContext(string Question, IReadOnlyList<ChatTurn> History, IReadOnlyList<NumberedSource> Sources, float[] QueryVector);

/// <summary>A piece of streamed answer text; a generator that knows token counts reports them on a piece (often the last).</summary>
public sealed record AnswerPiece(string Text, int? PromptTokens = null, int? CompletionTokens = null);

/// <summary>The answer-generation seam: an LLM through Semantic Kernel, or the extractive fallback.</summary>
public interface IAnswerGenerator
{
    /// <summary>Shown as <c>generator</c> in every answer: "extractive" or "llm:{model}".</summary>
    string Name { get; }

    /// <summary>Streams the answer text, with [n] markers citing <see cref="AnswerContext.Sources"/>.</summary>
    IAsyncEnumerable<AnswerPiece> GenerateAsync(AnswerContext context, CancellationToken cancellationToken);
}
