using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Fetching;
using RagChat.Api.Ingestion.Jobs;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Api.Ingestion;

public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents");

        group.MapPost("/", IngestTextAsync)
            .WithName("IngestText")
            .WithSummary("Ingest a text document (JSON); an existing id is replaced, identical content is a no-op (unchanged: true).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/upload", UploadAsync)
            .WithName("UploadDocuments")
            .WithSummary("Ingest one or more files (multipart: file(s), id?, title?, tags?, collection?): PDF, DOCX, PPTX, XLSX, HTML, Markdown, CSV, JSON, text. 202 with jobs, or the result with ?wait=true.")
            .DisableAntiforgery()
            .Produces<UploadAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/url", IngestUrlAsync)
            .WithName("IngestUrl")
            .WithSummary("Fetch a web page or file by URL (http/https; private addresses refused unless allowed) and ingest it: 202 with a job, or the result with ?wait=true.")
            .Produces<UploadAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    private static async Task<Results<Accepted<UploadAccepted>, Created<IngestDocumentResponse>, Ok<IngestDocumentResponse>>> IngestUrlAsync(
        IngestUrlRequest request, bool? wait, UrlFetcher fetcher, IngestionJobs jobs, IngestionWorkers workers, CancellationToken cancellationToken)
    {
        var validation = new Validation().NotBlank(request.Url, "url");
        IngestionRules.ValidateCommon(validation, request.Id, request.Collection, request.Tags);
        validation.ThrowIfInvalid();

        // Fetching happens here, so a refused or unreachable URL is answered at once, not as a failed job.
        var fetched = await fetcher.FetchAsync(request.Url!, cancellationToken);
        var id = request.Id ?? IngestionRules.IdFromFileName(fetched.FinalUri.Host + "-" + fetched.FileName);
        if (wait != true)
        {
            var job = jobs.Enqueue(fetched.Content, fetched.FileName, id, request.Title, request.Tags, request.Collection, fetched.FinalUri.ToString());
            return TypedResults.Accepted($"/api/jobs/{job.Id}", new UploadAccepted([new AcceptedJob(job.Id, fetched.FileName, $"/api/jobs/{job.Id}")]));
        }
        var work = new JobWork(new IngestionJob("sync", fetched.FileName, request.Collection ?? IngestionRules.DefaultCollection, TimeProvider.System),
            fetched.Content, fetched.FileName, id, request.Title, request.Tags, request.Collection, fetched.FinalUri.ToString());
        var result = await workers.RunAsync(work, cancellationToken);
        return result.Replaced || result.Unchanged ? TypedResults.Ok(result) : TypedResults.Created(Location(result), result);
    }

    private static async Task<Results<Created<IngestDocumentResponse>, Ok<IngestDocumentResponse>>> IngestTextAsync(
        IngestDocumentRequest request, IngestionPipeline pipeline, CancellationToken cancellationToken)
    {
        var validation = new Validation().NotBlank(request.Text, "text");
        IngestionRules.ValidateCommon(validation, request.Id, request.Collection, request.Tags);
        validation.ThrowIfInvalid();

        var result = await pipeline.IngestAsync(
            IngestionPipeline.Input.FromText(request.Id, request.Title, request.Text!, request.Source, request.Tags, request.Collection), cancellationToken);
        return Answer(result);
    }

    private static async Task<Results<Accepted<UploadAccepted>, Created<IngestDocumentResponse>, Ok<IngestDocumentResponse>, Ok<IReadOnlyList<IngestDocumentResponse>>>> UploadAsync(
        IFormFileCollection files,
        [FromForm] string? id,
        [FromForm] string? title,
        [FromForm] string? tags,
        [FromForm] string? collection,
        bool? wait,
        DocumentReaders readers,
        IngestionJobs jobs,
        IngestionWorkers workers,
        CancellationToken cancellationToken)
    {
        var tagList = IngestionRules.ParseTags(tags);
        var validation = new Validation()
            .Require(files.Count > 0, "file", "Attach at least one file (form field 'file').")
            .Require(files.All(f => f.Length > 0), "file", $"These files are empty: {string.Join(", ", files.Where(f => f.Length == 0).Select(f => f.FileName))}.")
            .Require(id is null || files.Count == 1, "id", "'id' names one document; leave it out when uploading several files (each file's name becomes its id).");
        IngestionRules.ValidateCommon(validation, id, collection, tagList);
        validation.ThrowIfInvalid();
        // Known extensions, or none: the reader sniffs the content. Anything else is refused before it is queued.
        var unknown = files.Select(f => Path.GetExtension(f.FileName)).Where(e => e.Length > 0 && !readers.SupportedExtensions.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            throw new UnsupportedMediaTypeException($"Files of type {string.Join(", ", unknown.Distinct())} are not supported. Supported: {string.Join(", ", readers.SupportedExtensions.Order())}.");

        var works = new List<JobWork>();
        foreach (var file in files)
        {
            var content = await ReadAllAsync(file, cancellationToken);
            if (wait == true)
                works.Add(new JobWork(new IngestionJob("sync", file.FileName, collection ?? IngestionRules.DefaultCollection, TimeProvider.System), content, file.FileName, id, title, tagList, collection));
            else
                works.Add(new JobWork(jobs.NewJob(file.FileName, collection), content, file.FileName, id, title, tagList, collection));
        }

        if (wait != true)
        {
            jobs.EnqueueAll(works);
            var accepted = new UploadAccepted(works.Select(w => new AcceptedJob(w.Job.Id, w.FileName, $"/api/jobs/{w.Job.Id}")).ToList());
            return TypedResults.Accepted(accepted.Jobs[0].Status, accepted);
        }

        // ?wait=true: ingest here, one file after another; the first failure answers the request.
        var results = new List<IngestDocumentResponse>();
        foreach (var work in works) results.Add(await workers.RunAsync(work, cancellationToken));
        if (results.Count > 1) return TypedResults.Ok<IReadOnlyList<IngestDocumentResponse>>(results);
        var single = results[0];
        return single.Replaced || single.Unchanged ? TypedResults.Ok(single) : TypedResults.Created(Location(single), single);
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static Results<Created<IngestDocumentResponse>, Ok<IngestDocumentResponse>> Answer(IngestDocumentResponse result) =>
        result.Replaced || result.Unchanged
            ? TypedResults.Ok(result)
            : TypedResults.Created(Location(result), result);

    private static string Location(IngestDocumentResponse result) =>
        $"/api/documents/{Uri.EscapeDataString(result.DocumentId)}?collection={result.Collection}";
}

/// <summary>The jobs an upload started; follow each at its status URL.</summary>
public sealed record UploadAccepted(IReadOnlyList<AcceptedJob> Jobs);

public sealed record AcceptedJob(string JobId, string FileName, string Status);
