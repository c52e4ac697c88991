using Microsoft.AspNetCore.Http.HttpResults;
using RagChat.Api.Common;
using RagChat.Api.Ingestion;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Documents;

public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents");

        group.MapGet("/", ListAsync)
            .WithName("ListDocuments")
            .WithSummary("List documents, optionally of one collection and with one tag.");

        group.MapGet("/{id}", GetAsync)
            .WithName("GetDocument")
            .WithSummary("One document with its chunks.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{id}", PatchAsync)
            .WithName("PatchDocument")
            .WithSummary("Change a document's tags: replace them ('tags'), or add and remove some ('addTags', 'removeTags').")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteDocument")
            .WithSummary("Remove a document and every one of its chunks.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<Ok<IReadOnlyList<DocumentSummary>>> ListAsync(string? collection, string? tag, IChunkStore store, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(collection, tag, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DocumentSummary>>(documents.Select(DocumentSummary.From).ToList());
    }

    private static async Task<Ok<DocumentDetails>> GetAsync(string id, string? collection, IChunkStore store, CancellationToken cancellationToken)
    {
        var found = await store.GetDocumentAsync(collection ?? IngestionRules.DefaultCollection, id, cancellationToken)
            ?? throw NotFound(id, collection);
        var chunks = found.Chunks.Select(c => new DocumentChunk(c.ChunkId, c.Index, c.Text, c.Page, c.Heading)).ToList();
        return TypedResults.Ok(new DocumentDetails(DocumentSummary.From(found.Document), chunks));
    }

    private static async Task<Ok<DocumentSummary>> PatchAsync(string id, string? collection, DocumentPatch patch, IChunkStore store, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(patch.Tags is not null || patch.AddTags is not null || patch.RemoveTags is not null, "tags", "Give 'tags', or 'addTags' and/or 'removeTags'.")
            .Require(patch.Tags is null || (patch.AddTags is null && patch.RemoveTags is null), "tags", "'tags' replaces all tags; do not combine it with 'addTags' or 'removeTags'.");
        IngestionRules.ValidateCommon(validation, null, collection, [.. patch.Tags ?? [], .. patch.AddTags ?? [], .. patch.RemoveTags ?? []]);
        validation.ThrowIfInvalid();

        var name = collection ?? IngestionRules.DefaultCollection;
        var found = await store.GetDocumentAsync(name, id, cancellationToken) ?? throw NotFound(id, collection);
        var tags = (patch.Tags ?? found.Document.Tags.Concat(patch.AddTags ?? []).Except(patch.RemoveTags ?? []))
            .Select(t => t.Trim()).Distinct().ToList();
        if (!await store.UpdateTagsAsync(name, id, tags, cancellationToken)) throw NotFound(id, collection);
        return TypedResults.Ok(DocumentSummary.From(found.Document with { Tags = tags }));
    }

    private static async Task<NoContent> DeleteAsync(string id, string? collection, IChunkStore store, CancellationToken cancellationToken)
    {
        if (!await store.DeleteDocumentAsync(collection ?? IngestionRules.DefaultCollection, id, cancellationToken))
            throw NotFound(id, collection);
        return TypedResults.NoContent();
    }

    private static NotFoundException NotFound(string id, string? collection) =>
        new($"Document '{id}' does not exist in collection '{collection ?? IngestionRules.DefaultCollection}'.");
}
