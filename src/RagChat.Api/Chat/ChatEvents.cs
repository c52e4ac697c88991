using System.Text.Json.Serialization;

namespace RagChat.Api.Chat;

/// <summary>One server-sent event of the chat stream; <see cref="Name"/> is the SSE event name.</summary>
public abstract record ChatEvent
{
    public abstract string Name { get; }
}

/// <summary>
/// First event: the search query actually used (<paramref name="Rewritten"/> when it is not the user's own words)
/// and the chunks offered to the generator, numbered as the answer cites them, with the retrieval mode that ranked them.
/// </summary>
public sealed record RetrievalEvent(string Query, bool Rewritten, IReadOnlyList<SourceInfo> Chunks, string Mode) : ChatEvent
{
    [JsonIgnore] public override string Name => "retrieval";
}

/// <summary>A piece of the answer text, in order.</summary>
public sealed record DeltaEvent(string Text) : ChatEvent
{
    [JsonIgnore] public override string Name => "delta";
}

/// <summary>Sent the first time the answer cites a valid source.</summary>
public sealed record CitationEvent(int N, string ChunkId, string DocumentId, string Title, string? Source, int? Page, string Quote,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Attention.Highlight>? Highlights = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Heading = null) : ChatEvent
{
    [JsonIgnore] public override string Name => "citation";
}

/// <summary>Token counts (from the provider, or estimated with the model's tokenizer) and timings.</summary>
public sealed record UsageEvent(int? PromptTokens, int? CompletionTokens, long RetrievalMs, long GenerationMs, long? TimeToFirstTokenMs) : ChatEvent
{
    [JsonIgnore] public override string Name => "usage";
}

/// <summary>
/// Last event of a successful answer: exactly the sources the answer cites; <paramref name="InvalidCitations"/>
/// counts markers that pointed at no source; <paramref name="BestScores"/> are the top retrieval scores seen
/// (shown with a no-answer).
/// </summary>
public sealed record DoneEvent(string Answer, IReadOnlyList<Citation> Citations, bool NoAnswer, string Generator, string? Reason,
    int InvalidCitations, IReadOnlyList<float> BestScores) : ChatEvent
{
    [JsonIgnore] public override string Name => "done";
}

/// <summary>Last event when generation failed after the stream had started.</summary>
public sealed record ErrorEvent(string Code, string Message, bool Retryable) : ChatEvent
{
    [JsonIgnore] public override string Name => "error";
}
