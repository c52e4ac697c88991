namespace RagChat.Api.Chat;

/// <summary>Folds the event stream into the JSON answer, so both endpoints return the same objects.</summary>
public sealed class ChatResponseCollector
{
    private RetrievalEvent? _retrieval;
    private DoneEvent? _done;
    private UsageEvent? _usage;

    public void Add(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RetrievalEvent retrieval: _retrieval = retrieval; break;
            case UsageEvent usage: _usage = usage; break;
            case DoneEvent done: _done = done; break;
        }
    }

    public ChatResponse Build()
    {
        var retrieval = _retrieval ?? throw new InvalidOperationException("The answer stream had no retrieval event.");
        var done = _done ?? throw new InvalidOperationException("The answer stream ended without a done event.");
        var usage = _usage ?? throw new InvalidOperationException("The answer stream had no usage event.");
        return new ChatResponse(done.Answer, done.Citations, done.NoAnswer, done.Generator, done.Reason, done.InvalidCitations, done.BestScores,
            retrieval.Query, retrieval.Rewritten, retrieval.Chunks,
            new ChatUsage(usage.PromptTokens, usage.CompletionTokens, usage.RetrievalMs, usage.GenerationMs, usage.TimeToFirstTokenMs));
    }
}
