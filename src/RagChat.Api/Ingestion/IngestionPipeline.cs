using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagChat.Api.Common;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion.Chunking;
using RagChat.Api.Ingestion.Reading;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Ingestion;

/// <summary>Reports a stage ("chunking", "embedding", "storing") with chunks done out of total.</summary>
public delegate void IngestionProgress(string stage, int done, int total);

/// <summary>
/// chunk -> embed -> store. Everything that can fail (chunking, embedding) happens before the single
/// store write, and that write replaces the document atomically, so a failed ingestion changes nothing.
/// Identical content is a no-op; chunks embedded before (same text, same model) come from the cache.
/// </summary>
public sealed class IngestionPipeline(
    TextChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    EmbeddingCache cache,
    IChunkStore store,
    TimeProvider clock,
    ILogger<IngestionPipeline> logger)
{
    private const int EmbeddingBatch = 32;

    public sealed record Input(string? Id, string? Title, IReadOnlyList<DocumentSection> Sections, string? Source, IReadOnlyList<string>? Tags, string? Collection)
    {
        public static Input FromText(string? id, string? title, string text, string? source, IReadOnlyList<string>? tags, string? collection) =>
            new(id, title, [new DocumentSection(text)], source, tags, collection);
    }

    public async Task<IngestDocumentResponse> IngestAsync(Input input, CancellationToken cancellationToken, IngestionProgress? progress = null)
    {
        var started = Stopwatch.GetTimestamp();
        var sections = input.Sections.Select(s => s with { Text = IngestionRules.Normalize(s.Text) }).Where(s => s.Text.Length > 0).ToList();
        var text = string.Join("\n\n", sections.Select(s => s.Text));
        if (text.Length == 0) throw new UnprocessableContentException("The document contains no text.");

        var collection = input.Collection ?? IngestionRules.DefaultCollection;
        var hash = IngestionRules.Hash(text);
        var id = input.Id ?? "doc-" + hash[..16];
        var tags = input.Tags?.Select(t => t.Trim()).Distinct().ToList();
        var title = string.IsNullOrWhiteSpace(input.Title) ? id : input.Title.Trim();

        var previous = await store.GetDocumentAsync(collection, id, cancellationToken);
        if (previous is { Document: var old } && old.ContentHash == hash && old.Title == title && old.Source == input.Source
            && (tags is null || tags.Order().SequenceEqual(old.Tags.Order())))
        {
            logger.LogInformation("Document {DocumentId} in {Collection} is unchanged", id, collection);
            return new IngestDocumentResponse(id, collection, old.ChunkCount, hash, Replaced: false, Unchanged: true, EmbeddedChunks: 0);
        }

        progress?.Invoke("chunking", 0, 0);
        var chunks = chunker.Chunk(sections);
        var (vectors, embedded) = await EmbedAsync(chunks, progress, cancellationToken);
        var stored = chunks.Select((c, i) => new StoredChunk(StoredChunk.IdFor(id, c.Index), id, c.Index, c.Text, c.Page, vectors[i], c.Heading)).ToList();

        progress?.Invoke("storing", chunks.Count, chunks.Count);
        var document = new StoredDocument(id, collection, title, input.Source, tags ?? previous?.Document.Tags ?? [], hash, stored.Count, clock.GetUtcNow());
        await store.UpsertDocumentAsync(document, stored, cancellationToken);

        logger.LogInformation("Ingested {DocumentId} into {Collection}: {ChunkCount} chunks ({EmbeddedChunks} embedded) in {ElapsedMs} ms",
            id, collection, stored.Count, embedded, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new IngestDocumentResponse(id, collection, stored.Count, hash, previous is not null, Unchanged: false, EmbeddedChunks: embedded);
    }

    private async Task<(float[][] Vectors, int Embedded)> EmbedAsync(IReadOnlyList<TextChunk> chunks, IngestionProgress? progress, CancellationToken cancellationToken)
    {
        var model = embeddings.GetService<OnnxEmbeddingGenerator>()?.Fingerprint
            ?? embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "model";
        var keys = chunks.Select(c => EmbeddingCache.Key(model, c.Text)).ToArray();
        var cached = cache.Find(keys);
        var missing = Enumerable.Range(0, chunks.Count).Where(i => !cached.ContainsKey(keys[i])).ToList();

        var fresh = new List<(string Key, float[] Vector)>();
        progress?.Invoke("embedding", chunks.Count - missing.Count, chunks.Count);
        foreach (var batch in missing.Chunk(EmbeddingBatch))
        {
            var vectors = await embeddings.EmbedManyAsync(batch.Select(i => chunks[i].Text).ToList(), cancellationToken);
            for (var b = 0; b < batch.Length; b++)
            {
                cached[keys[batch[b]]] = vectors[b];
                fresh.Add((keys[batch[b]], vectors[b]));
            }
            progress?.Invoke("embedding", chunks.Count - missing.Count + fresh.Count, chunks.Count);
        }
        cache.Add(fresh);
        return (keys.Select(k => cached[k]).ToArray(), fresh.Count);
    }
}
