using RagChat.Api.Chat.Retrieval;

namespace RagChat.Api.Chat;

/// <summary>One turn of a conversation.</summary>
/// <param name="Role">"user", "assistant" or "system".</param>
/// <param name="Content">What was said.</param>
public sealed record ChatTurn(string? Role, string? Content);

/// <summary>A question, or a conversation whose last turn is the user's question.</summary>
/// <param name="Question">The question (use this or <paramref name="Messages"/>).</param>
/// <param name="Messages">The conversation so far; the last message must be the user's.</param>
/// <param name="Collection">Collection to answer from; default "default".</param>
/// <param name="TopK">Chunks to retrieve (1-100); default Retrieval:TopK.</param>
/// <param name="MinScore">Chunks scoring below this do not count as sources; default Retrieval:MinScore.</param>
/// <param name="Filter">Tag and document filters.</param>
public sealed record ChatRequest(string? Question, IReadOnlyList<ChatTurn>? Messages, string? Collection, int? TopK, float? MinScore, SearchFilter? Filter);

/// <summary>A retrieved chunk as offered to the generator, with the number it is cited by.</summary>
public sealed record SourceInfo(int N, string ChunkId, string DocumentId, string Title, string? Source, int? Page, float Score);

/// <summary>A source the answer cites, with a short quote from the chunk.</summary>
public sealed record Citation(int N, string ChunkId, string DocumentId, string Title, string? Source, int? Page, string Quote, float Score);

/// <summary>Timings and token counts (token counts are null when the generator does not report them).</summary>
public sealed record ChatUsage(int? PromptTokens, int? CompletionTokens, long RetrievalMs, long GenerationMs);

/// <summary>The complete answer.</summary>
/// <param name="Answer">The answer text with [n] citation markers.</param>
/// <param name="Citations">Exactly the sources the answer cites, in order of first mention.</param>
/// <param name="NoAnswer">True when the sources did not hold the answer.</param>
/// <param name="Generator">"extractive" or "llm:{model}".</param>
/// <param name="Reason">Why there is no answer, when <paramref name="NoAnswer"/> is true.</param>
/// <param name="Query">The search query that retrieval used.</param>
/// <param name="Sources">Everything retrieval offered, numbered.</param>
/// <param name="Usage">Timings and tokens.</param>
public sealed record ChatResponse(
    string Answer,
    IReadOnlyList<Citation> Citations,
    bool NoAnswer,
    string Generator,
    string? Reason,
    string Query,
    IReadOnlyList<SourceInfo> Sources,
    ChatUsage Usage);
