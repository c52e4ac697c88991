using Microsoft.Extensions.Options;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Api.Ingestion.Jobs;

/// <summary>Ingestion:Workers loops that take jobs from the queue: read -> chunk -> embed -> store, reporting progress.</summary>
public sealed class IngestionWorkers(
    IngestionJobs jobs, DocumentReaders readers, IngestionPipeline pipeline, IOptions<IngestionOptions> options, ILogger<IngestionWorkers> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(work, stoppingToken);
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Already recorded on the job; the worker goes on with the next one.
            }
        }
    }

    /// <summary>Runs one job to its end; also used by the synchronous ?wait=true path.</summary>
    public async Task<IngestDocumentResponse> RunAsync(JobWork work, CancellationToken cancellationToken)
    {
        var job = work.Job;
        try
        {
            job.Progress("reading", 0, 0);
            var read = await readers.ReadAsync(work.Content, work.FileName, cancellationToken);
            var source = work.Source ?? Path.GetFileName(work.FileName);
            var result = await pipeline.IngestAsync(
                new IngestionPipeline.Input(work.Id ?? IngestionRules.IdFromFileName(work.FileName), work.Title ?? read.Title ?? Path.GetFileName(work.FileName),
                    read.Sections, source, work.Tags, work.Collection),
                cancellationToken, (stage, done, total) => job.Progress(stage, done, total));
            job.Succeed(result);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = e as RagChatException;
            if (failure is null) logger.LogError(e, "Ingestion job {JobId} for {FileName} failed", job.Id, work.FileName);
            job.Fail(failure ?? new IngestionFailedException(e));
            throw;
        }
    }
}

/// <summary>An unexpected failure inside a job, reported without internals.</summary>
public sealed class IngestionFailedException(Exception inner)
    : RagChatException("Ingestion failed unexpectedly; the error is logged. The store is unchanged.", StatusCodes.Status500InternalServerError, "internal_error", inner);
