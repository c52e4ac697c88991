using System.Text.Json;
using Microsoft.Extensions.Options;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion;
using RagChat.Api.Ingestion.Chunking;
using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Embedded;

namespace RagChat.Bench;

/// <summary>
/// Inputs of the benchmarks: SciFact abstracts and claims when the data set is present (real text), or
/// generated sentences when it is not (then <see cref="Source"/> says so and the tables carry it).
/// </summary>
public sealed class BenchData
{
    private BenchData(IReadOnlyList<(string Id, string Text)> documents, IReadOnlyList<string> queries, string source) =>
        (Documents, Queries, Source) = (documents, queries, source);

    public IReadOnlyList<(string Id, string Text)> Documents { get; }
    public IReadOnlyList<string> Queries { get; }

    /// <summary>Where the text came from, for the report.</summary>
    public string Source { get; }

    public static BenchData Load(string folder)
    {
        var corpus = Path.Combine(folder, "corpus.jsonl");
        var queries = Path.Combine(folder, "queries.jsonl");
        if (!File.Exists(corpus) || !File.Exists(queries))
        {
            Console.WriteLine($"SciFact not found in {Path.GetFullPath(folder)}: falling back to generated text.");
            return Generated();
        }
        var documents = File.ReadLines(corpus).Select(Parse).Select(j => (j.GetProperty("_id").GetString()!, $"{j.GetProperty("title").GetString()} {j.GetProperty("text").GetString()}")).ToList();
        var claims = File.ReadLines(queries).Select(Parse).Select(j => j.GetProperty("text").GetString()!).ToList();
        return new BenchData(documents, claims, $"SciFact ({documents.Count} abstracts, {claims.Count} claims) from {Path.GetFullPath(folder)}");
    }

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private static readonly string[] Words =
        ("cell protein gene expression patients study results treatment risk increased reduced associated levels mice human "
        + "clinical trial effect response analysis cancer tumor blood disease receptor activity role function signaling data "
        + "significant model infection immune therapy dose years higher lower mechanism pathway binding mutation growth").Split(' ');

    /// <summary>Abstract-like documents of 3–20 sentences and claim-like queries, from a fixed seed.</summary>
    public static BenchData Generated()
    {
        var random = new Random(7);
        string Sentence() => string.Join(' ', Enumerable.Range(0, random.Next(8, 30)).Select(_ => Words[random.Next(Words.Length)])) + ".";
        var documents = Enumerable.Range(0, 5000).Select(i => ($"g{i}", string.Join(' ', Enumerable.Range(0, random.Next(3, 20)).Select(_ => Sentence())))).ToList();
        var queries = Enumerable.Range(0, 300).Select(_ => Sentence()).ToList();
        return new BenchData(documents, queries, "generated text (SciFact absent): numbers are indicative only");
    }

    /// <summary>The documents cut into chunks the way ingestion cuts them (default Ingestion options: 200 word pieces, 40 overlap).</summary>
    public IEnumerable<(string DocumentId, IReadOnlyList<TextChunk> Chunks)> Chunked(WordPieceTokenizer tokenizer)
    {
        var chunker = new TextChunker(tokenizer, Options.Create(new IngestionOptions()));
        return Documents.Select(d => (d.Id, chunker.Chunk(d.Text)));
    }

    /// <summary>A unit vector with Gaussian components: uniformly distributed on the sphere.</summary>
    public static float[] RandomUnitVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        MeanPooling.Normalize(vector);
        return vector;
    }

    public static StoredDocument Document(string id, int chunkCount) =>
        new(id, "bench", id, null, [], "hash", chunkCount, DateTimeOffset.UnixEpoch);

    /// <summary>An index of <paramref name="chunkCount"/> random unit vectors in documents of <paramref name="chunksPerDocument"/> chunks (no text).</summary>
    public static IEnumerable<VectorIndex.Entry> RandomIndex(int chunkCount, int chunksPerDocument, int dimensions, int seed)
    {
        var random = new Random(seed);
        var index = new VectorIndex();
        for (var d = 0; d * chunksPerDocument < chunkCount; d++)
        {
            var id = $"d{d}";
            var count = Math.Min(chunksPerDocument, chunkCount - d * chunksPerDocument);
            var chunks = Enumerable.Range(0, count).Select(i => new StoredChunk(StoredChunk.IdFor(id, i), id, i, "", null, RandomUnitVector(random, dimensions))).ToList();
            index.Put(Document(id, count), chunks);
        }
        // The snapshot exactly as the store searches it: the immutable map's values, enumerated on every search.
        return index.Snapshot("bench");
    }
}
