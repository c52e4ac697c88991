using RagChat.Api.Chat;

namespace RagChat.Api.OpenAiApi;

/// <summary>
/// Translates RagChat's answer events into OpenAI's stream: a role chunk, content chunks, a chunk with
/// finish_reason "stop", a last chunk with empty choices carrying usage and the ragchat sources, then
/// [DONE]. A failure after the start becomes an OpenAI error object, as OpenAI's own stream sends.
/// </summary>
public sealed class OpenAiChunkStream(string id, long created, string model)
{
    private readonly ChatResponseCollector _collector = new();

    /// <summary>The data lines for one event: objects to serialise, or the literal "[DONE]".</summary>
    public IEnumerable<object> Translate(ChatEvent chatEvent)
    {
        _collector.Add(chatEvent);
        switch (chatEvent)
        {
            case RetrievalEvent:
                yield return Chunk(new OpenAiDelta("assistant", ""), null);
                break;
            case DeltaEvent delta:
                yield return Chunk(new OpenAiDelta(null, delta.Text), null);
                break;
            case DoneEvent:
                var answer = _collector.Build();
                yield return Chunk(new OpenAiDelta(null, null), "stop");
                yield return new OpenAiChunk(id, "chat.completion.chunk", created, model, [], OpenAiUsage.From(answer.Usage), RagChatExtension.From(answer));
                yield return "[DONE]";
                break;
            case ErrorEvent error:
                yield return new OpenAiError(new OpenAiErrorDetail(error.Message, error.Retryable ? "server_error" : "invalid_request_error", error.Code));
                break;
        }
    }

    private OpenAiChunk Chunk(OpenAiDelta delta, string? finishReason) =>
        new(id, "chat.completion.chunk", created, model, [new OpenAiChunkChoice(0, delta, finishReason)]);
}
