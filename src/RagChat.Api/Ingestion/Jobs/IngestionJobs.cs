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

    public IngestionJob Enqueue(byte[] content, string fileName, string? id, string? title, IReadOnlyList<string>? tags, string? collection, string? source = null)
    {
        var job = new IngestionJob("job-" + Guid.NewGuid().ToString("N")[..16], fileName, collection ?? IngestionRules.DefaultCollection, clock);
        if (!_queue.Writer.TryWrite(new JobWork(job, content, fileName, id, title, tags, collection, source)))
            throw new DependencyUnavailableException($"The ingestion queue is full ({options.Value.QueueCapacity} jobs); try again shortly.");
        _jobs[job.Id] = job;
        _order.Enqueue(job.Id);
        Forget();
        return job;
    }

    public IngestionJob? Find(string id) => _jobs.GetValueOrDefault(id);

    private void Forget()
    {
        while (_order.Count > options.Value.JobsKept && _order.TryPeek(out var oldest)
               && _jobs.TryGetValue(oldest, out var job) && job.IsFinished && _order.TryDequeue(out _))
            _jobs.TryRemove(oldest, out _);
    }
}
