using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace RagChat.Api.Chat.Generation;

/// <summary>A generation whose first piece has arrived; the rest streams from <see cref="Pieces"/>.</summary>
public sealed class StartedGeneration(IAsyncEnumerator<AnswerPiece> rest, AnswerPiece? first, long startedAt, long timeToFirstTokenMs) : IAsyncDisposable
{
    /// <summary>Closes the model's response even when <see cref="Pieces"/> never ran (the client left after the first token).</summary>
    public ValueTask DisposeAsync() => rest.DisposeAsync();

    public long TimeToFirstTokenMs { get; } = timeToFirstTokenMs;

    public long ElapsedMs => (long)Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;

    public async IAsyncEnumerable<AnswerPiece> Pieces([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (first is null) yield break;
        yield return first;
        while (await rest.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return rest.Current;
        }
    }
}

/// <summary>
/// Starts a generation and waits for its first piece. A transient failure before that piece (rate
/// limit, 5xx, network, timeout) is retried up to Llm:MaxRetries times with doubling delays; once a
/// piece has been streamed nothing is retried, since the client has already seen part of the answer.
/// </summary>
public sealed class GenerationStarter(IOptions<LlmOptions> options, ILogger<GenerationStarter> logger)
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(10);

    public async Task<StartedGeneration> StartAsync(IAnswerGenerator generator, AnswerContext context, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var pieces = generator.GenerateAsync(context, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                var first = await pieces.MoveNextAsync() ? pieces.Current : null;
                return new StartedGeneration(pieces, first, startedAt, (long)Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await pieces.DisposeAsync();
                var failure = GenerationFailedException.From(e);
                if (!failure.Retryable || attempt >= options.Value.MaxRetries) throw failure;
                var delay = Delay(attempt, failure);
                logger.LogWarning("Generation failed before its first token ({Code}); retry {Attempt} of {MaxRetries} in {DelayMs} ms",
                    failure.Code, attempt + 1, options.Value.MaxRetries, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private TimeSpan Delay(int attempt, Common.RagChatException failure)
    {
        var backoff = TimeSpan.FromMilliseconds(options.Value.RetryBaseDelayMs * Math.Pow(2, attempt));
        return failure is GenerationFailedException { RetryAfter: { } retryAfter } && retryAfter <= LongestRetryAfter ? retryAfter : backoff;
    }
}
