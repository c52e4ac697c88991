using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// The in-memory side of the embedded store: per collection, an immutable map of documents to their
/// chunks. Writers swap in a new map, so a search always sees whole documents, never half of one.
/// Search is exact: one SIMD dot product per chunk (vectors are unit length, so dot = cosine).
/// </summary>
public sealed class VectorIndex
{
    public sealed record Entry(StoredDocument Document, IReadOnlyList<StoredChunk> Chunks);

    private readonly object _writeLock = new();
    private ImmutableDictionary<string, ImmutableDictionary<string, Entry>> _collections =
        ImmutableDictionary<string, ImmutableDictionary<string, Entry>>.Empty;

    public void Put(StoredDocument document, IReadOnlyList<StoredChunk> chunks)
    {
        lock (_writeLock)
        {
            var collection = _collections.GetValueOrDefault(document.Collection) ?? ImmutableDictionary<string, Entry>.Empty;
            var ordered = chunks.OrderBy(c => c.Index).ToList();
            _collections = _collections.SetItem(document.Collection, collection.SetItem(document.Id, new Entry(document, ordered)));
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

    public IReadOnlyList<ChunkHit> Search(string collection, ReadOnlySpan<float> query, int topK, float minScore, ChunkFilter? filter)
    {
        if (topK <= 0 || !_collections.TryGetValue(collection, out var documents)) return [];

        // A min-heap of the best k so far: the root is the weakest hit and the first to go.
        var best = new PriorityQueue<(StoredChunk Chunk, StoredDocument Document), float>(topK + 1);
        foreach (var (_, entry) in documents)
        {
            if (filter is not null && !filter.Matches(entry.Document)) continue;
            foreach (var chunk in entry.Chunks)
            {
                var score = TensorPrimitives.Dot(query, chunk.Vector);
                if (score < minScore) continue;
                if (best.Count < topK) best.Enqueue((chunk, entry.Document), score);
                else if (best.TryPeek(out _, out var weakest) && score > weakest) best.EnqueueDequeue((chunk, entry.Document), score);
            }
        }

        var hits = new List<ChunkHit>(best.Count);
        while (best.TryDequeue(out var item, out var score))
            hits.Add(new ChunkHit(item.Chunk.ChunkId, item.Document.Id, item.Chunk.Index, item.Document.Title, item.Document.Source,
                item.Chunk.Page, item.Chunk.Text, item.Document.Tags, score, item.Chunk.Heading));
        hits.Reverse();
        return hits;
    }
}
