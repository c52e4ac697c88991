using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// The in-memory side of the embedded store: per collection, an immutable map of documents to their
/// chunks. Writers swap in a new map, so a search always sees whole documents, never half of one.
/// Dense search is exact: one SIMD dot product per chunk (vectors are unit length, so dot = cosine).
/// Each entry carries its <see cref="DocumentTerms"/> too, so lexical search sees the same snapshot.
/// </summary>
public sealed class VectorIndex
{
    /// <summary>A document, its chunks in index order, and their terms.</summary>
    public sealed record Entry(StoredDocument Document, IReadOnlyList<StoredChunk> Chunks, DocumentTerms Terms)
    {
        public ChunkHit Hit(int position, float cosine, RetrieverScores? scores = null)
        {
            var chunk = Chunks[position];
            return new ChunkHit(chunk.ChunkId, Document.Id, chunk.Index, Document.Title, Document.Source, chunk.Page, chunk.Text, Document.Tags,
                cosine, chunk.Heading, scores);
        }

        private sbyte[]? _int8;

        /// <summary>The chunks' vectors as one int8 block for <see cref="QuantizedSearch"/>: built on first use, so exact-only stores never pay for it.</summary>
        public Int8Vectors Int8 => new(_int8 ??= Int8Vectors.Build(Chunks));
    }

    private readonly object _writeLock = new();
    private ImmutableDictionary<string, ImmutableDictionary<string, Entry>> _collections =
        ImmutableDictionary<string, ImmutableDictionary<string, Entry>>.Empty;

    public void Put(StoredDocument document, IReadOnlyList<StoredChunk> chunks)
    {
        lock (_writeLock)
        {
            var collection = _collections.GetValueOrDefault(document.Collection) ?? ImmutableDictionary<string, Entry>.Empty;
            var ordered = chunks.OrderBy(c => c.Index).ToList();
            _collections = _collections.SetItem(document.Collection, collection.SetItem(document.Id, new Entry(document, ordered, DocumentTerms.Of(ordered))));
        }
    }

    /// <summary>Replaces a stored document's metadata, keeping its chunks and terms.</summary>
    public bool Retag(string collection, string documentId, IReadOnlyList<string> tags)
    {
        lock (_writeLock)
        {
            if (Get(collection, documentId) is not { } entry) return false;
            var documents = _collections[collection];
            _collections = _collections.SetItem(collection, documents.SetItem(documentId, entry with { Document = entry.Document with { Tags = tags } }));
            return true;
        }
    }

    public bool Remove(string collection, string documentId)
    {
        lock (_writeLock)
        {
            if (!_collections.TryGetValue(collection, out var documents) || !documents.ContainsKey(documentId)) return false;
            _collections = _collections.SetItem(collection, documents.Remove(documentId));
            return true;
        }
    }

    public Entry? Get(string collection, string documentId) =>
        _collections.TryGetValue(collection, out var documents) ? documents.GetValueOrDefault(documentId) : null;

    public IEnumerable<StoredDocument> Documents(string? collection) =>
        _collections.Where(c => collection is null || c.Key == collection).SelectMany(c => c.Value.Values).Select(e => e.Document);

    /// <summary>The documents of one collection as of now: an immutable snapshot that later writes do not change.</summary>
    public IEnumerable<Entry> Snapshot(string collection) =>
        _collections.TryGetValue(collection, out var documents) ? _snapshots.GetValue(documents, d => d.Values.ToArray()) : [];

    // Walking an immutable map costs about 0.5 µs a document, more than scoring its chunks; each map
    // version (never changed once made) is walked once into an array that every later search reuses.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ImmutableDictionary<string, Entry>, Entry[]> _snapshots = new();

    /// <summary>
    /// The <paramref name="topK"/> chunks of <paramref name="documents"/> with the highest cosine to <paramref name="query"/>, best first;
    /// with <see cref="EmbeddedSearchOptions.Int8FirstPass"/>, found by <see cref="QuantizedSearch"/> (exact scores, approximate recall).
    /// </summary>
    public static List<(Entry Entry, int Chunk, float Cosine)> Nearest(IEnumerable<Entry> documents, ReadOnlySpan<float> query, int topK, ChunkFilter? filter,
        EmbeddedSearchOptions? search = null)
    {
        if (topK <= 0) return [];
        if (search is { Int8FirstPass: true }) return QuantizedSearch.Nearest(documents, query, topK, filter, search.RescoreFactor);
        var vector = query.ToArray();
        return CoreSlices.Best(documents, slice => NearestIn(slice, vector, topK, filter), n => n.Cosine, topK);
    }

    private static List<(Entry Entry, int Chunk, float Cosine)> NearestIn(IEnumerable<Entry> documents, ReadOnlySpan<float> query, int topK, ChunkFilter? filter)
    {
        // A min-heap of the best k so far: the root is the weakest hit and the first to go.
        var best = new PriorityQueue<(Entry Entry, int Chunk), float>(topK + 1);
        var weakest = float.NegativeInfinity; // the root's score, cached: peeking for every chunk costs as much as a dot
        foreach (var entry in documents)
        {
            if (filter is not null && !filter.Matches(entry.Document)) continue;
            var chunks = entry.Chunks;
            for (var i = 0; i < chunks.Count; i++)
            {
                var vector = chunks[i].Vector;
                if (vector.Length != query.Length) continue;
                var score = TensorPrimitives.Dot(query, vector);
                if (best.Count < topK) best.Enqueue((entry, i), score);
                else if (score > weakest) best.EnqueueDequeue((entry, i), score);
                else continue;
                if (best.Count == topK) best.TryPeek(out _, out weakest);
            }
        }

        var nearest = new List<(Entry, int, float)>(best.Count);
        while (best.TryDequeue(out var item, out var score)) nearest.Add((item.Entry, item.Chunk, score));
        nearest.Reverse();
        return nearest;
    }
}
