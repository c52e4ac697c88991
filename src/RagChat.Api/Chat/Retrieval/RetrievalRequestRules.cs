using RagChat.Api.Common;
using RagChat.Api.Ingestion;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>The retrieval fields that search and chat requests share, validated the same way.</summary>
public static class RetrievalRequestRules
{
    public static void Validate(Validation validation, int? topK, float? minScore, string? collection, SearchFilter? filter = null) =>
        validation
            .Require(filter is null || new[] { filter.Tags, filter.AnyTags, filter.DocumentIds }.All(list => list is null || list.All(v => !string.IsNullOrWhiteSpace(v))),
                "filter", "Filter lists must not contain null or empty values.")
            .InRange(topK, 1, 100, "topK")
            .InRange(minScore, -1f, 1f, "minScore")
            .Require(collection is null || IngestionRules.IsValidCollection(collection), "collection", "'collection' may hold letters, digits, '_' and '-', 1 to 64 characters.");
}
