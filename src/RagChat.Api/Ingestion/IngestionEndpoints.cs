using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Api.Ingestion;

public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents");

        group.MapPost("/", IngestTextAsync)
            .WithName("IngestText")
            .WithSummary("Ingest a text document (JSON); an existing id is replaced.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/upload", UploadAsync)
            .WithName("UploadDocument")
            .WithSummary("Ingest a file (multipart/form-data: file, id?, title?, tags?, collection?). Formats: .txt, .md.")
            .DisableAntiforgery()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
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

    private static async Task<Results<Created<IngestDocumentResponse>, Ok<IngestDocumentResponse>>> UploadAsync(
        IFormFile file,
        [FromForm] string? id,
        [FromForm] string? title,
        [FromForm] string? tags,
        [FromForm] string? collection,
        DocumentReaders readers,
        IngestionPipeline pipeline,
        CancellationToken cancellationToken)
    {
        var tagList = tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var validation = new Validation().Require(file.Length > 0, "file", "The file is empty.");
        IngestionRules.ValidateCommon(validation, id, collection, tagList);
        validation.ThrowIfInvalid();

        var content = await ReadAllAsync(file, cancellationToken);
        var read = await readers.ReadAsync(content, file.FileName, cancellationToken);
        var result = await pipeline.IngestAsync(new IngestionPipeline.Input(
            id ?? IngestionRules.IdFromFileName(file.FileName), title ?? read.Title ?? Path.GetFileName(file.FileName),
            read.Sections, Path.GetFileName(file.FileName), tagList, collection), cancellationToken);
        return Answer(result);
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static Results<Created<IngestDocumentResponse>, Ok<IngestDocumentResponse>> Answer(IngestDocumentResponse result) =>
        result.Replaced
            ? TypedResults.Ok(result)
            : TypedResults.Created($"/api/documents/{Uri.EscapeDataString(result.DocumentId)}?collection={result.Collection}", result);
}
