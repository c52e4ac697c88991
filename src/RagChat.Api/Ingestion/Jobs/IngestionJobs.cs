using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Jobs;

/// <summary>A file waiting to be ingested, with everything the upload said about it (Source: where it came from, such as a URL; default the file name).</summary>
public sealed record JobWork(IngestionJob Job, byte[] Content, string FileName, string? Id, string? Title, IReadOnlyList<string>? Tags, string? Collection, string? Source = null);

/// <summary>
/// The bounded queue of ingestion jobs and the table of their statuses. A full queue is a retryable
/// 503, so clients back off instead of piling work up in memory. Finished jobs are kept for lookups
/// until there are more than <see cref="IngestionOptions.JobsKept"/>, oldest first.
/// </summary>
public sealed class IngestionJobs(IOptions<IngestionOptions> options, TimeProvider clock)
{
    private readonly Channel<JobWork> _queue = Channel.CreateBounded<JobWork>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly ConcurrentDictionary<string, IngestionJob> _jobs = new();
    private readonly ConcurrentQueue<string> _order = new();

    public ChannelReader<JobWork> Reader => _queue.Reader;

    /// <summary>A job that will run on the workers, for <see cref="EnqueueAll"/>.</summary>
    public IngestionJob NewJob(string fileName, string? collection) =>
        new("job-" + Guid.NewGuid().ToString("N")[..16], fileName, collection ?? IngestionRules.DefaultCollection, clock);

    /// <summary>Queues all the works or none: a request never ends half queued behind a 503.</summary>
    public void EnqueueAll(IReadOnlyList<JobWork> works)
    {
        lock (_order)
        {
            if (options.Value.QueueCapacity - _queue.Reader.Count < works.Count)
                throw new DependencyUnavailableException($"The ingestion queue has no room for {works.Count} more jobs (capacity {options.Value.QueueCapacity}); try again shortly.");
            foreach (var work in works)
            {
                _jobs[work.Job.Id] = work.Job;
                _order.Enqueue(work.Job.Id);
                _queue.Writer.TryWrite(work);
            }
            Forget();
        }
    }

    public IngestionJob Enqueue(byte[] content, string fileName, string? id, string? title, IReadOnlyList<string>? tags, string? collection, string? source = null)
    {
        var job = NewJob(fileName, collection);
        EnqueueAll([new JobWork(job, content, fileName, id, title, tags, collection, source)]);
        return job;
    }

    public IngestionJob? Find(string id) => _jobs.GetValueOrDefault(id);

    // Called under the lock: drops the oldest finished jobs beyond JobsKept.
    private void Forget()
    {
        while (_order.Count > options.Value.JobsKept && _order.TryPeek(out var oldest)
               && _jobs.TryGetValue(oldest, out var job) && job.IsFinished && _order.TryDequeue(out var dropped))
            _jobs.TryRemove(dropped, out _);
    }
}
