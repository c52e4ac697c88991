using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagChat.Api.Common;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion.Chunking;
using RagChat.Api.Ingestion.Reading;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Ingestion;

/// <summary>
/// chunk -> embed -> store. Everything that can fail (chunking, embedding) happens before the single
/// store write, and that write replaces the document atomically, so a failed ingestion changes nothing.
/// </summary>
public sealed class IngestionPipeline(
    TextChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IChunkStore store,
    TimeProvider clock,
    ILogger<IngestionPipeline> logger)
{
    public sealed record Input(string? Id, string? Title, IReadOnlyList<DocumentSection> Sections, string? Source, IReadOnlyList<string>? Tags, string? Collection)
    {
        public static Input FromText(string? id, string? title, string text, string? source, IReadOnlyList<string>? tags, string? collection) =>
            new(id, title, [new DocumentSection(text)], source, tags, collection);
    }

    public async Task<IngestDocumentResponse> IngestAsync(Input input, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var sections = input.Sections.Select(s => s with { Text = IngestionRules.Normalize(s.Text) }).Where(s => s.Text.Length > 0).ToList();
        var text = string.Join("\n\n", sections.Select(s => s.Text));
        if (text.Length == 0) throw new UnprocessableContentException("The document contains no text.");

        var collection = input.Collection ?? IngestionRules.DefaultCollection;
        var hash = IngestionRules.Hash(text);
        var id = input.Id ?? "doc-" + hash[..16];

        var chunks = chunker.Chunk(sections);
        var vectors = await embeddings.EmbedManyAsync(chunks.Select(c => c.Text).ToList(), cancellationToken);
        var stored = chunks.Select((c, i) => new StoredChunk(StoredChunk.IdFor(id, c.Index), id, c.Index, c.Text, c.Page, vectors[i], c.Heading)).ToList();

        var previous = await store.GetDocumentAsync(collection, id, cancellationToken);
        var tags = (input.Tags ?? []).Select(t => t.Trim()).Distinct().ToList();
        var document = new StoredDocument(id, collection, string.IsNullOrWhiteSpace(input.Title) ? id : input.Title.Trim(),
            input.Source, tags, hash, stored.Count, clock.GetUtcNow());
        await store.UpsertDocumentAsync(document, stored, cancellationToken);

        logger.LogInformation("Ingested {DocumentId} into {Collection}: {ChunkCount} chunks in {ElapsedMs} ms",
            id, collection, stored.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new IngestDocumentResponse(id, collection, stored.Count, hash, previous is not null);
    }
}
