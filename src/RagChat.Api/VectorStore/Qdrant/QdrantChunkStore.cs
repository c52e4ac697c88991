using Microsoft.Extensions.Options;
using Google.Protobuf.Collections;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using RagChat.Api.Common;
using RagChat.Api.VectorStore.Lexical;
using static Qdrant.Client.Grpc.Conditions;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// The chunk store on Qdrant (gRPC). One Qdrant collection holds every RagChat collection, partitioned
/// by the tenant key "collection" (see QdrantSchema). A document is written in three steps: its points
/// go in as "pending" (invisible to reads), one filtered set-payload makes the new version "committed",
/// and one filtered delete removes the older versions. A failure before the commit leaves the previous
/// version untouched; reads that catch the moment between commit and delete keep the newest version.
/// Each point carries two named vectors (see QdrantSchema): the embedding and the chunk's BM25 term
/// weights, so dense, lexical and hybrid search (one Query API round trip with prefetch and RRF) all run
/// on one collection.
/// </summary>
public sealed partial class QdrantChunkStore : IChunkStore, IDisposable
{
    private const uint PageSize = 256;

    private readonly QdrantClient _client;
    private readonly QdrantOptions _options;
    private readonly QdrantCalls _calls;
    private readonly QdrantSchema _schema;
    private readonly ILogger<QdrantChunkStore> _logger;

    public QdrantChunkStore(IOptions<VectorStoreOptions> options, ILoggerFactory logs)
    {
        _options = options.Value.Qdrant;
        _logger = logs.CreateLogger<QdrantChunkStore>();
        _client = new QdrantClient(new Uri(_options.Endpoint), _options.ApiKey, TimeSpan.FromSeconds(_options.TimeoutSeconds), logs);
        _calls = new QdrantCalls(_options, _logger);
        _schema = new QdrantSchema(_client, _calls, _options.Collection);
    }

    private string Name => _options.Collection;

    public async Task UpsertDocumentAsync(StoredDocument document, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0) throw new ArgumentException("A document needs at least one chunk.", nameof(chunks));
        await _schema.EnsureAsync(chunks[0].Vector.Length, cancellationToken);

        var version = Guid.NewGuid().ToString("N");
        var writtenTicks = DateTimeOffset.UtcNow.UtcTicks;
        var points = chunks.Select(chunk => new PointStruct
        {
            Id = PointIds.For(document.Collection, document.Id, version, chunk.Index),
            Vectors = VectorsFor(chunk),
            Payload = { QdrantPayload.For(document, chunk, version, writtenTicks) },
        }).ToList();
        try
        {
            foreach (var batch in points.Chunk(_options.BatchSize))
                await _calls.RunAsync("upsert", () => _client.UpsertAsync(Name, batch, wait: true, cancellationToken: cancellationToken), cancellationToken);
            var committed = new Dictionary<string, Value> { [QdrantPayload.State] = QdrantPayload.Committed };
            await _calls.RunAsync("commit", () => _client.SetPayloadAsync(Name, committed, QdrantFilters.Version(document.Collection, document.Id, version),
                wait: true, cancellationToken: cancellationToken), cancellationToken);
        }
        catch
        {
            await ForgetPendingAsync(document, version);
            throw;
        }

        try
        {
            await _calls.RunAsync("delete older versions", () => _client.DeleteAsync(Name, QdrantFilters.OlderVersions(document.Collection, document.Id, writtenTicks),
                wait: true, cancellationToken: cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is Common.DependencyUnavailableException or OperationCanceledException)
        // (Cancellation too: the client left, but its write is committed and reads prefer it.)
        {
            // The new version is committed and reads prefer it; the next write of this document removes the rest.
            _logger.LogWarning(e, "Older versions of {DocumentId} stay in Qdrant until its next write", document.Id);
        }
    }

    /// <summary>
    /// The embedding under "dense"; BM25's term-frequency half of each term under "lexical" (Qdrant's IDF
    /// modifier supplies the other half). A chunk without terms gets no sparse vector: lexical search
    /// cannot find it anyway, and it is left out of the IDF's document count.
    /// </summary>
    private Vectors VectorsFor(StoredChunk chunk)
    {
        var vectors = new Dictionary<string, Vector> { [QdrantSchema.Dense] = chunk.Vector };
        var (indices, values) = SparseTerms.ForChunk(TextTerms.Count(chunk.Text), _options.LexicalAverageLength);
        if (indices.Length > 0) vectors[QdrantSchema.Lexical] = (values, indices);
        return vectors;
    }

    public async Task<bool> UpdateTagsAsync(string collection, string documentId, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        if (!await _schema.ExistsAsync(cancellationToken)) return false;
        var filter = QdrantFilters.Document(collection, documentId);
        var count = await _calls.RunAsync("count", () => _client.CountAsync(Name, filter, exact: true, cancellationToken: cancellationToken), cancellationToken);
        if (count == 0) return false;
        var list = new ListValue();
        list.Values.AddRange(tags.Select(t => new Value { StringValue = t }));
        var payload = new Dictionary<string, Value> { [QdrantPayload.Tags] = new Value { ListValue = list } };
        // One filtered set-payload: every point of the document, all at once.
        await _calls.RunAsync("set tags", () => _client.SetPayloadAsync(Name, payload, filter, wait: true, cancellationToken: cancellationToken), cancellationToken);
        return true;
    }

    public async Task<bool> DeleteDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        if (!await _schema.ExistsAsync(cancellationToken)) return false;
        var filter = QdrantFilters.Document(collection, documentId);
        var count = await _calls.RunAsync("count", () => _client.CountAsync(Name, filter, exact: true, cancellationToken: cancellationToken), cancellationToken);
        if (count == 0) return false;
        await _calls.RunAsync("delete", () => _client.DeleteAsync(Name, filter, wait: true, cancellationToken: cancellationToken), cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string? collection, string? tag, CancellationToken cancellationToken)
    {
        if (!await _schema.ExistsAsync(cancellationToken)) return [];
        var filter = QdrantFilters.Committed(collection, tag is null ? null : new ChunkFilter(AllTags: [tag]));
        filter.Must.Add(Match(QdrantPayload.ChunkIndex, 0));
        var firstChunks = await ScrollAsync(filter, withVectors: false, cancellationToken);
        return NewestVersions(firstChunks, p => p.Payload)
            .Select(p => QdrantPayload.Document(p.Payload))
            .OrderBy(d => d.Collection, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<(StoredDocument Document, IReadOnlyList<StoredChunk> Chunks)?> GetDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        if (!await _schema.ExistsAsync(cancellationToken)) return null;
        var filter = QdrantFilters.Committed(collection, new ChunkFilter(DocumentIds: [documentId]));
        var points = NewestVersions(await ScrollAsync(filter, withVectors: true, cancellationToken), p => p.Payload).ToList();
        if (points.Count == 0) return null;
        var chunks = points.Select(p => QdrantPayload.Chunk(p.Payload, DenseOf(p.Vectors))).OrderBy(c => c.Index).ToList();
        return (QdrantPayload.Document(points[0].Payload), chunks);
    }

    public async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.HealthAsync(cancellationToken);
        }
        catch (Grpc.Core.RpcException e)
        {
            throw new Common.DependencyUnavailableException($"Qdrant at {_options.Endpoint} does not answer ({e.StatusCode}).", e);
        }
    }

    private async Task<Dictionary<string, string>> NewestVersionsAsync(string collection, IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        var filter = QdrantFilters.Committed(collection, new ChunkFilter(DocumentIds: documentIds));
        filter.Must.Add(Match(QdrantPayload.ChunkIndex, 0));
        return (await ScrollAsync(filter, withVectors: false, cancellationToken))
            .GroupBy(p => p.Payload[QdrantPayload.DocumentId].StringValue)
            .ToDictionary(g => g.Key, g => QdrantPayload.VersionOf(g.MaxBy(p => QdrantPayload.TicksOf(p.Payload))!.Payload));
    }

    private async Task<List<RetrievedPoint>> ScrollAsync(Filter filter, bool withVectors, CancellationToken cancellationToken)
    {
        var all = new List<RetrievedPoint>();
        PointId? offset = null;
        do
        {
            var page = await _calls.RunAsync("scroll", () => _client.ScrollAsync(Name, filter, PageSize, offset, payloadSelector: true,
                vectorsSelector: withVectors ? DenseOnly : false, cancellationToken: cancellationToken), cancellationToken);
            all.AddRange(page.Result);
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        return all;
    }

    /// <summary>Between a commit and the delete of the older version both are committed: keep each document's newest.</summary>
    private static IEnumerable<T> NewestVersions<T>(IReadOnlyList<T> points, Func<T, MapField<string, Value>> payloadOf)
    {
        static (string, string) DocumentKey(MapField<string, Value> p) => (p[QdrantPayload.Collection].StringValue, p[QdrantPayload.DocumentId].StringValue);
        var newest = points.Select(payloadOf)
            .GroupBy(DocumentKey)
            .ToDictionary(g => g.Key, g => g.MaxBy(QdrantPayload.TicksOf)![QdrantPayload.Version].StringValue);
        return points.Where(p => newest[DocumentKey(payloadOf(p))] == payloadOf(p)[QdrantPayload.Version].StringValue);
    }

    // The named "dense" vector of a point. Qdrant 1.x answers dense vectors in "dense"; older servers used the deprecated "data".
#pragma warning disable CS0612, CS0618
    private static float[] DenseOf(VectorsOutput? vectors)
    {
        var output = vectors?.VectorsOptionsCase switch
        {
            VectorsOutput.VectorsOptionsOneofCase.Vectors => vectors.Vectors.Vectors.GetValueOrDefault(QdrantSchema.Dense),
            VectorsOutput.VectorsOptionsOneofCase.Vector => vectors.Vector,
            _ => null,
        };
        return output is null ? [] : output.Dense is { } dense ? dense.Data.ToArray() : output.Data.ToArray();
    }
#pragma warning restore CS0612, CS0618

    private async Task ForgetPendingAsync(StoredDocument document, string version)
    {
        try
        {
            await _client.DeleteAsync(Name, QdrantFilters.Version(document.Collection, document.Id, version), wait: true);
        }
        catch (Exception e)
        {
            // Pending points are invisible to every read, and the document's next write deletes them.
            _logger.LogWarning(e, "Could not remove the pending points of {DocumentId}", document.Id);
        }
    }

    public void Dispose() => _client.Dispose();
}
