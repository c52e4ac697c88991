using Microsoft.AspNetCore.Http.HttpResults;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Chunking;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Api.Ingestion;

/// <summary>Text to preview the chunks of.</summary>
public sealed record ChunkPreviewRequest(string? Text);

/// <summary>The chunks a file or text would produce, with the settings that produced them. Nothing is stored.</summary>
public sealed record ChunkPreviewResponse(int ChunkTokens, int OverlapTokens, IReadOnlyList<TextChunk> Chunks);

public static class ChunkPreviewEndpoints
{
    public static IEndpointRouteBuilder MapChunkPreviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chunk-preview", PreviewAsync)
            .WithTags("Documents")
            .WithName("ChunkPreview")
            .WithSummary("The chunks a file (multipart 'file') or a text (JSON {text}) would be split into, without storing anything.")
            // One Accepts with both types: a second Accepts call would replace the first and refuse JSON.
            .Accepts<ChunkPreviewRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<ChunkPreviewResponse>> PreviewAsync(
        HttpContext context, DocumentReaders readers, TextChunker chunker, Microsoft.Extensions.Options.IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentSection> sections;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file");
            new Validation().Require(file is { Length: > 0 }, "file", "Attach a non-empty file as 'file'.").ThrowIfInvalid();
            using var buffer = new MemoryStream();
            await file!.CopyToAsync(buffer, cancellationToken);
            sections = (await readers.ReadAsync(buffer.ToArray(), file.FileName, cancellationToken)).Sections;
        }
        else
        {
            var request = await context.Request.ReadFromJsonAsync<ChunkPreviewRequest>(cancellationToken);
            new Validation().NotBlank(request?.Text, "text").ThrowIfInvalid();
            sections = [new DocumentSection(request!.Text!)];
        }
        var normalized = sections.Select(s => s with { Text = IngestionRules.Normalize(s.Text) }).Where(s => s.Text.Length > 0);
        return TypedResults.Ok(new ChunkPreviewResponse(options.Value.ChunkTokens, options.Value.OverlapTokens, chunker.Chunk(normalized)));
    }
}
