using Grpc.Core;
using RagChat.Api.Common;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// Every Qdrant call goes through here: transient gRPC failures (Unavailable, DeadlineExceeded) are
/// retried with doubling delays, and a Qdrant that stays unreachable becomes a retryable 503.
/// </summary>
public sealed class QdrantCalls(QdrantOptions options, ILogger logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                // The caller gave up (a client disconnected): that is a cancellation, not a Qdrant failure.
                throw new OperationCanceledException($"Qdrant {operation} was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when (IsTransient(e) && attempt < options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                var delay = FirstDelay * Math.Pow(2, attempt);
                logger.LogWarning("Qdrant {Operation} failed with {StatusCode}; retry {Attempt} of {MaxRetries} in {DelayMs} ms",
                    operation, e.StatusCode, attempt + 1, options.MaxRetries, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
            catch (RpcException e) when (IsTransient(e))
            {
                throw new DependencyUnavailableException($"Qdrant at {options.Endpoint} is unavailable ({e.StatusCode} on {operation}); try again shortly.", e);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                throw new DependencyUnavailableException($"Qdrant at {options.Endpoint} refused the API key (VectorStore:Qdrant:ApiKey).", e);
            }
        }
    }

    public Task RunAsync(string operation, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, async () => { await call(); return true; }, cancellationToken);

    private static bool IsTransient(RpcException e) => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;
}
