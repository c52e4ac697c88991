using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>RagChat's filters as Qdrant conditions: all tags -> must, any tag -> should (min one), ids -> match any.</summary>
public static class QdrantFilters
{
    public static Filter Document(string collection, string documentId) =>
        new() { Must = { MatchKeyword(QdrantPayload.Collection, collection), MatchKeyword(QdrantPayload.DocumentId, documentId) } };

    public static Filter Committed(string? collection, ChunkFilter? filter = null)
    {
        var result = new Filter { Must = { MatchKeyword(QdrantPayload.State, QdrantPayload.Committed) } };
        if (collection is not null) result.Must.Add(MatchKeyword(QdrantPayload.Collection, collection));
        if (filter is null) return result;
        foreach (var tag in filter.AllTags ?? []) result.Must.Add(MatchKeyword(QdrantPayload.Tags, tag));
        if (filter.AnyTags is { Count: > 0 } anyTags) result.Must.Add(Match(QdrantPayload.Tags, anyTags.ToList()));
        if (filter.DocumentIds is { Count: > 0 } ids) result.Must.Add(Match(QdrantPayload.DocumentId, ids.ToList()));
        return result;
    }

    public static Filter Version(string collection, string documentId, string version)
    {
        var result = Document(collection, documentId);
        result.Must.Add(MatchKeyword(QdrantPayload.Version, version));
        return result;
    }

    /// <summary>
    /// The document's points written before <paramref name="writtenTicks"/>: older versions, committed or
    /// left pending by a failed write. A concurrent newer write (from another API instance) is not touched.
    /// </summary>
    public static Filter OlderVersions(string collection, string documentId, long writtenTicks)
    {
        var result = Document(collection, documentId);
        result.Must.Add(Range(QdrantPayload.WrittenTicks, new global::Qdrant.Client.Grpc.Range { Lt = writtenTicks }));
        return result;
    }
}
