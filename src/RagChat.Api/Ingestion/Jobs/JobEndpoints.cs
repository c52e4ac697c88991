using Microsoft.AspNetCore.Http.HttpResults;
using RagChat.Api.Chat.Streaming;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Jobs;

public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");

        group.MapGet("/{id}", Get)
            .WithName("GetJob")
            .WithSummary("An ingestion job's state (queued, running, succeeded, failed), stage, chunk progress, result or error.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/events", EventsAsync)
            .WithName("JobEvents")
            .WithSummary("The job's progress as server-sent events: 'progress' on every change, then 'done' with the final status.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static Ok<JobStatus> Get(string id, IngestionJobs jobs) => TypedResults.Ok(Find(jobs, id).Status);

    private static async Task EventsAsync(string id, IngestionJobs jobs, HttpContext context)
    {
        var job = Find(jobs, id);
        var cancellationToken = context.RequestAborted;
        await using var writer = SseWriter.Start(context);
        var json = SseWriter.JsonOptions(context);
        var status = job.Status;
        while (!job.IsFinished)
        {
            await writer.WriteEventAsync("progress", status, json, cancellationToken);
            await job.WaitForChangeAsync(status, cancellationToken);
            status = job.Status;
        }
        await writer.WriteEventAsync("done", job.Status, json, cancellationToken);
    }

    private static IngestionJob Find(IngestionJobs jobs, string id) =>
        jobs.Find(id) ?? throw new NotFoundException($"Job '{id}' does not exist (finished jobs are kept for a while, not forever; jobs do not survive a restart).");
}
