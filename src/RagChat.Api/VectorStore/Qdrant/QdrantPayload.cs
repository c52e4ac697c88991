using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// What each point carries. Every chunk holds its document's metadata too, so listing and getting
/// documents need no second database: chunk 0 of each document stands for the document.
/// </summary>
public static class QdrantPayload
{
    public const string Collection = "collection";
    public const string DocumentId = "document_id";
    public const string ChunkIndex = "chunk_index";
    public const string Text = "text";
    public const string Page = "page";
    public const string Heading = "heading";
    public const string Title = "title";
    public const string Source = "source";
    public const string Tags = "tags";
    public const string ContentHash = "content_hash";
    public const string ChunkCount = "chunk_count";
    public const string IngestedAt = "ingested_at";
    public const string Version = "version";
    /// <summary>When the version was written (UTC ticks): the newest version of a document wins.</summary>
    public const string WrittenTicks = "written_ticks";
    /// <summary>"pending" while a version is being written, "committed" once it is whole; searches see committed points only.</summary>
    public const string State = "state";
    public const string Pending = "pending";
    public const string Committed = "committed";

    public static Dictionary<string, Value> For(StoredDocument document, StoredChunk chunk, string version, long writtenTicks)
    {
        var tags = new ListValue();
        tags.Values.AddRange(document.Tags.Select(t => new Value { StringValue = t }));
        return new Dictionary<string, Value>
        {
            [Collection] = document.Collection,
            [DocumentId] = document.Id,
            [ChunkIndex] = chunk.Index,
            [Text] = chunk.Text,
            [Page] = chunk.Page is { } page ? page : new Value { NullValue = NullValue.NullValue },
            [Heading] = chunk.Heading is { } heading ? heading : new Value { NullValue = NullValue.NullValue },
            [Title] = document.Title,
            [Source] = document.Source is { } source ? source : new Value { NullValue = NullValue.NullValue },
            [Tags] = new Value { ListValue = tags },
            [ContentHash] = document.ContentHash,
            [ChunkCount] = document.ChunkCount,
            [IngestedAt] = document.IngestedAt.ToString("O"),
            [Version] = version,
            [WrittenTicks] = writtenTicks,
            [State] = Pending,
        };
    }

    public static StoredDocument Document(MapField<string, Value> p) => new(
        p[DocumentId].StringValue,
        p[Collection].StringValue,
        p[Title].StringValue,
        p.TryGetValue(Source, out var source) && source.KindCase == Value.KindOneofCase.StringValue ? source.StringValue : null,
        p.TryGetValue(Tags, out var tags) ? tags.ListValue.Values.Select(v => v.StringValue).ToList() : [],
        p[ContentHash].StringValue,
        (int)p[ChunkCount].IntegerValue,
        DateTimeOffset.Parse(p[IngestedAt].StringValue));

    public static StoredChunk Chunk(MapField<string, Value> p, float[] vector)
    {
        var documentId = p[DocumentId].StringValue;
        var index = (int)p[ChunkIndex].IntegerValue;
        return new StoredChunk(StoredChunk.IdFor(documentId, index), documentId, index, p[Text].StringValue, PageOf(p), vector, HeadingOf(p));
    }

    public static ChunkHit Hit(MapField<string, Value> p, float score)
    {
        var document = Document(p);
        var index = (int)p[ChunkIndex].IntegerValue;
        return new ChunkHit(StoredChunk.IdFor(document.Id, index), document.Id, index, document.Title, document.Source, PageOf(p), p[Text].StringValue, document.Tags, score, HeadingOf(p));
    }

    public static string VersionOf(MapField<string, Value> p) => p[Version].StringValue;

    public static long TicksOf(MapField<string, Value> p) => p.TryGetValue(WrittenTicks, out var t) ? t.IntegerValue : 0;

    private static string? HeadingOf(MapField<string, Value> p) =>
        p.TryGetValue(Heading, out var heading) && heading.KindCase == Value.KindOneofCase.StringValue ? heading.StringValue : null;

    private static int? PageOf(MapField<string, Value> p) =>
        p.TryGetValue(Page, out var page) && page.KindCase == Value.KindOneofCase.IntegerValue ? (int)page.IntegerValue : null;
}
