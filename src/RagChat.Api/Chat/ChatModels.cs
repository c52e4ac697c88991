using System.Text.Json.Serialization;
using RagChat.Api.Attention;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.VectorStore;

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
/// <param name="Explain">When true, each citation carries <c>highlights</c>: the spans of the cited chunk the question attends to most.</param>
/// <param name="Mode">"dense", "lexical" or "hybrid"; default Retrieval:Mode (hybrid).</param>
/// <param name="Fusion">Reciprocal Rank Fusion's k and weights for hybrid mode; default Retrieval:Fusion.</param>
public sealed record ChatRequest(string? Question, IReadOnlyList<ChatTurn>? Messages, string? Collection, int? TopK, float? MinScore, SearchFilter? Filter,
    bool? Explain = null, string? Mode = null, FusionRequest? Fusion = null)
{
    public RetrievalRequest Retrieval() => new(Collection, TopK, MinScore, Filter, Mode, Fusion);
}

/// <summary>A retrieved chunk as offered to the generator, with the number it is cited by.</summary>
public sealed record SourceInfo(int N, string ChunkId, string DocumentId, string Title, string? Source, int? Page, float Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Heading = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RetrieverScores? Scores = null);

/// <summary>A source the answer cites, with a short quote from the chunk (and, with <c>explain</c>, the spans the question attends to).</summary>
public sealed record Citation(int N, string ChunkId, string DocumentId, string Title, string? Source, int? Page, string Quote, float Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Highlight>? Highlights = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Heading = null);

/// <summary>Token counts (null for the extractive generator, which uses no model tokens) and timings.</summary>
public sealed record ChatUsage(int? PromptTokens, int? CompletionTokens, long RetrievalMs, long GenerationMs, long? TimeToFirstTokenMs);

/// <summary>The complete answer.</summary>
/// <param name="Answer">The answer text with [n] citation markers.</param>
/// <param name="Citations">Exactly the sources the answer cites, in order of first mention.</param>
/// <param name="NoAnswer">True when the sources did not hold the answer.</param>
/// <param name="Generator">"extractive" or "llm:{model}".</param>
/// <param name="Reason">Why there is no answer, when <paramref name="NoAnswer"/> is true.</param>
/// <param name="InvalidCitations">Markers in the answer that pointed at no source (dropped).</param>
/// <param name="BestScores">The top retrieval scores seen.</param>
/// <param name="Query">The search query that retrieval used.</param>
/// <param name="Rewritten">True when the query was rewritten from the conversation.</param>
/// <param name="Sources">Everything offered to the generator, numbered.</param>
/// <param name="Usage">Timings and tokens.</param>
public sealed record ChatResponse(
    string Answer,
    IReadOnlyList<Citation> Citations,
    bool NoAnswer,
    string Generator,
    string? Reason,
    int InvalidCitations,
    IReadOnlyList<float> BestScores,
    string Query,
    bool Rewritten,
    IReadOnlyList<SourceInfo> Sources,
    ChatUsage Usage);
