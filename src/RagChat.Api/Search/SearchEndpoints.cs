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
            .WithSummary("Rank a collection's chunks by similarity to a query.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<SearchResponse>> SearchAsync(SearchRequest request, Retriever retriever, CancellationToken cancellationToken)
    {
        var validation = new Validation().NotBlank(request.Query, "query");
        RetrievalRequestRules.Validate(validation, request.TopK, request.MinScore, request.Collection, request.Filter);
        validation.ThrowIfInvalid();

        var result = await retriever.RetrieveAsync(request.Query!, request.Collection, request.TopK, request.MinScore, request.Filter, cancellationToken);
        return TypedResults.Ok(new SearchResponse(result.Query, request.Collection ?? IngestionRules.DefaultCollection,
            result.Hits.Select(ChunkResult.From).ToList(), result.ElapsedMs));
    }
}
