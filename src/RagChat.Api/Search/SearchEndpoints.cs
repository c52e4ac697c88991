using Microsoft.AspNetCore.Http.HttpResults;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Common;
using RagChat.Api.Ingestion;

namespace RagChat.Api.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/search", SearchAsync)
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Rank a collection's chunks for a query: by embedding similarity, BM25, or both fused (mode).")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<SearchResponse>> SearchAsync(SearchRequest request, Retriever retriever, CancellationToken cancellationToken)
    {
        var validation = new Validation().NotBlank(request.Query, "query");
        RetrievalRequestRules.Validate(validation, request.Retrieval());
        validation.ThrowIfInvalid();

        var result = await retriever.RetrieveAsync(request.Query!, request.Retrieval(), cancellationToken);
        return TypedResults.Ok(new SearchResponse(result.Query, request.Collection ?? IngestionRules.DefaultCollection, RetrievalChoice.Name(result.Mode),
            result.Hits.Select(ChunkResult.From).ToList(), result.ElapsedMs));
    }
}
