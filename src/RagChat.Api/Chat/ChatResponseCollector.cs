namespace RagChat.Api.Chat;

/// <summary>Folds the event stream into the JSON answer, so both endpoints return the same objects.</summary>
public sealed class ChatResponseCollector(ChatService.PreparedChat chat)
{
    private DoneEvent? _done;
    private UsageEvent? _usage;

    public void Add(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case UsageEvent usage: _usage = usage; break;
            case DoneEvent done: _done = done; break;
        }
    }

    public ChatResponse Build()
    {
        var done = _done ?? throw new InvalidOperationException("The answer stream ended without a done event.");
        var usage = _usage ?? new UsageEvent(null, null, chat.Retrieval.ElapsedMs, 0);
        return new ChatResponse(done.Answer, done.Citations, done.NoAnswer, done.Generator, done.Reason, chat.Retrieval.Query,
            chat.Sources.Select(s => s.Info).ToList(), new ChatUsage(usage.PromptTokens, usage.CompletionTokens, usage.RetrievalMs, usage.GenerationMs));
    }
}
