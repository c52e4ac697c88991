using System.Runtime.CompilerServices;
using RagChat.Api.Chat.Generation;

namespace RagChat.Api.Chat.Streaming;

public static class FailureEvents
{
    /// <summary>
    /// Passes the events through; a failure after the stream has started becomes a final error event
    /// (the status line is already sent). A cancelled request just ends.
    /// </summary>
    public static async IAsyncEnumerable<ChatEvent> EndWithErrorEventAsync(this IAsyncEnumerable<ChatEvent> events, ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatEvent next;
            try
            {
                if (!await enumerator.MoveNextAsync()) yield break;
                next = enumerator.Current;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Client disconnected; generation cancelled");
                yield break;
            }
            catch (Exception e)
            {
                var failure = GenerationFailedException.From(e);
                logger.LogWarning(e, "Answer stream failed after it started: {Code}", failure.Code);
                next = new ErrorEvent(failure.Code, failure.Message, failure.Retryable);
            }
            yield return next;
            if (next is ErrorEvent) yield break;
        }
    }
}
