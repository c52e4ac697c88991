using Microsoft.Extensions.Options;
using RagChat.Api.Common;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// The default chunk store: SQLite on disk for durability and atomic replacement, an in-memory
/// index for exact SIMD search. The disk is written first; the index changes only after the commit.
/// </summary>
public sealed class EmbeddedChunkStore : IChunkStore
{
    private readonly SqliteChunkDatabase _database;
    private readonly VectorIndex _index = new();
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ILogger<EmbeddedChunkStore> _logger;
    private readonly EmbeddedSearchOptions _search;

    public EmbeddedChunkStore(IOptions<VectorStoreOptions> options, ILogger<EmbeddedChunkStore> logger)
    {
        _logger = logger;
        _search = options.Value.Embedded;
        var dataPath = Path.GetFullPath(options.Value.DataPath);
        _database = new SqliteChunkDatabase(dataPath);
        var documents = 0;
        foreach (var (document, chunks) in _database.LoadAll())
        {
            _index.Put(document, chunks);
            documents++;
        }
        _logger.LogInformation("Embedded store opened at {DataPath} with {DocumentCount} documents", dataPath, documents);
    }

    public async Task UpsertDocumentAsync(StoredDocument document, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken)
    {
        var dimensions = chunks.Count > 0 ? chunks[0].Vector.Length : 0;
        if (chunks.Any(c => c.Vector.Length != dimensions))
            throw new ArgumentException("All chunks of a document must have vectors of one size.", nameof(chunks));

        await _writes.WaitAsync(cancellationToken);
        try
        {
            var stored = _database.Dimensions(document.Collection);
            if (stored is { } existing && chunks.Count > 0 && existing != dimensions)
                throw new VectorMismatchException(document.Collection, existing, dimensions);
            _database.Replace(document, chunks, dimensions);
            _index.Put(document, chunks);
        }
        finally
        {
            _writes.Release();
        }
    }

    public Task<IReadOnlyList<ChunkHit>> SearchAsync(string collection, ChunkQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Search(_index.Snapshot(collection), query, _search));

    /// <summary>Dense, lexical or fused search over one snapshot of a collection.</summary>
    public static IReadOnlyList<ChunkHit> Search(IEnumerable<VectorIndex.Entry> documents, ChunkQuery query, EmbeddedSearchOptions? search = null)
    {
        var candidates = query.CandidatesPerRetriever;
        var dense = query.UsesDense
            ? VectorIndex.Nearest(documents, query.Vector.Span, candidates, query.Filter, search)
                .Select((n, i) => n.Entry.Hit(n.Chunk, n.Cosine, new RetrieverScores(new RankedScore(i + 1, n.Cosine), null))).ToList()
            : [];
        var lexical = query.UsesLexical
            ? LexicalSearch.Search(documents, query.Terms, candidates, query.Filter)
                .Select((m, i) => m.Entry.Hit(m.Chunk, Cosine(query.Vector.Span, m.Entry.Chunks[m.Chunk].Vector), new RetrieverScores(null, new RankedScore(i + 1, m.Score)))).ToList()
            : [];
        return query.Mode switch
        {
            RetrievalMode.Dense => dense,
            RetrievalMode.Lexical => lexical,
            _ => RankFusion.Fuse(dense, lexical, query.FusionOrDefault, query.TopK),
        };
    }

    // A lexical hit still reports its similarity to the query, so one threshold means the same in every mode.
    private static float Cosine(ReadOnlySpan<float> query, float[] vector) =>
        query.Length == vector.Length ? System.Numerics.Tensors.TensorPrimitives.Dot(query, vector) : 0f;

    public async Task<bool> UpdateTagsAsync(string collection, string documentId, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (_index.Get(collection, documentId) is null || !_database.UpdateTags(collection, documentId, tags)) return false;
            return _index.Retag(collection, documentId, tags);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<bool> DeleteDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var removed = _database.Delete(collection, documentId);
            _index.Remove(collection, documentId);
            return removed;
        }
        finally
        {
            _writes.Release();
        }
    }

    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string? collection, string? tag, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredDocument> documents = _index.Documents(collection)
            .Where(d => tag is null || d.Tags.Contains(tag))
            .OrderBy(d => d.Collection, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(documents);
    }

    public Task<(StoredDocument Document, IReadOnlyList<StoredChunk> Chunks)?> GetDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        var entry = _index.Get(collection, documentId);
        return Task.FromResult(entry is null ? ((StoredDocument, IReadOnlyList<StoredChunk>)?)null : (entry.Document, entry.Chunks));
    }

    public Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            _database.Ping();
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            throw new DependencyUnavailableException("The embedded store's database cannot be opened.", e);
        }
    }
}
