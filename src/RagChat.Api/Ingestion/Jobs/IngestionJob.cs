using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Jobs;

public enum JobState { Queued, Running, Succeeded, Failed }

/// <summary>Where a job is: its state, the pipeline stage and chunk counts, and its result or error.</summary>
public sealed record JobStatus(
    string JobId,
    string FileName,
    string Collection,
    string State,
    string Stage,
    int ChunksDone,
    int ChunksTotal,
    IngestDocumentResponse? Result,
    JobError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Why a job failed, as the synchronous endpoint would have answered it.</summary>
public sealed record JobError(int Status, string Code, string Message);

/// <summary>
/// One asynchronous ingestion. Updates come from a worker; readers take snapshots, and
/// <see cref="WaitForChangeAsync"/> lets the SSE endpoint sleep until the next update.
/// </summary>
public sealed class IngestionJob(string id, string fileName, string collection, TimeProvider clock)
{
    private readonly object _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JobStatus _status = new(id, fileName, collection, "queued", "queued", 0, 0, null, null, clock.GetUtcNow(), clock.GetUtcNow());

    public string Id => id;

    public JobStatus Status
    {
        get { lock (_lock) return _status; }
    }

    public bool IsFinished => Status.State is "succeeded" or "failed";

    public void Progress(string stage, int done, int total) =>
        Update(s => s with { State = "running", Stage = stage, ChunksDone = done, ChunksTotal = total });

    public void Succeed(IngestDocumentResponse result) =>
        Update(s => s with { State = "succeeded", Stage = "done", ChunksDone = result.ChunkCount, ChunksTotal = result.ChunkCount, Result = result });

    public void Fail(RagChatException error) =>
        Update(s => s with { State = "failed", Error = new JobError(error.Status, error.Code, error.Message) });

    /// <summary>Completes at the next update after <paramref name="seen"/>, or at once when the job has moved on.</summary>
    public Task WaitForChangeAsync(JobStatus seen, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return !ReferenceEquals(seen, _status) ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private void Update(Func<JobStatus, JobStatus> change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _status = change(_status) with { UpdatedAt = clock.GetUtcNow() };
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}
