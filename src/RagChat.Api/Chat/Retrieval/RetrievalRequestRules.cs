using RagChat.Api.Common;
using RagChat.Api.Ingestion;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>The retrieval fields that search and chat requests share, validated the same way.</summary>
public static class RetrievalRequestRules
{
    public static void Validate(Validation validation, RetrievalRequest request)
    {
        var filter = request.Filter;
        validation
            .Require(filter is null || new[] { filter.Tags, filter.AnyTags, filter.DocumentIds }.All(list => list is null || list.All(v => !string.IsNullOrWhiteSpace(v))),
                "filter", "Filter lists must not contain null or empty values.")
            .InRange(request.TopK, 1, 100, "topK")
            .InRange(request.MinScore, -1f, 1f, "minScore")
            .Require(request.Collection is null || IngestionRules.IsValidCollection(request.Collection), "collection", "'collection' may hold letters, digits, '_' and '-', 1 to 64 characters.");
        RetrievalChoice.Validate(validation, request.Mode, request.Fusion);
    }
}
