using System.Diagnostics;
using System.Numerics.Tensors;
using RagChat.Api.VectorStore.Embedded;

namespace RagChat.Bench;

/// <summary>
/// Dense search latency on the embedded store's in-memory index: exact (<see cref="VectorIndex.Nearest"/>)
/// and the optional int8 first pass with exact rescoring, with recall@k of the latter against the former.
/// Vectors are random unit vectors (uniform on the sphere), 384 dimensions, 10 chunks per document.
/// </summary>
public static class SearchBench
{
    private const int Dimensions = 384;
    private const int ChunksPerDocument = 10;

    public static string Run(int[] sizes, int queries)
    {
        var rows = new List<string>();
        var floors = new List<string>();
        foreach (var size in sizes)
        {
            var documents = BenchData.RandomIndex(size, ChunksPerDocument, Dimensions, seed: size);
            var random = new Random(1);
            var probes = Enumerable.Range(0, queries).Select(_ => BenchData.RandomUnitVector(random, Dimensions)).ToArray();
            var warmup = Math.Min(20, queries);

            // First int8 search quantises every document (once, lazily); timed on its own.
            var int8Options = new EmbeddedSearchOptions { Int8FirstPass = true, RescoreFactor = 4 };
            var start = Stopwatch.GetTimestamp();
            VectorIndex.Nearest(documents, probes[0], 10, null, int8Options);
            var quantiseMs = Timings.Ms(start);

            foreach (var k in new[] { 10, 50 })
            {
                var exact = new List<(string, int)>[queries];
                var exactTimes = Timings.Of(warmup, queries, i => exact[i] = Ids(VectorIndex.Nearest(documents, probes[i], k, null)));
                rows.Add(Row(size, k, "exact (float32, VectorIndex.Nearest)", exactTimes, "1.000 (reference)"));
                foreach (var factor in new[] { 2, 4 })
                {
                    var search = new EmbeddedSearchOptions { Int8FirstPass = true, RescoreFactor = factor };
                    var found = new List<(string, int)>[queries];
                    var times = Timings.Of(warmup, queries, i => found[i] = Ids(VectorIndex.Nearest(documents, probes[i], k, null, search)));
                    var recall = Enumerable.Range(0, queries).Average(i => (double)found[i].Intersect(exact[i]).Count() / exact[i].Count);
                    var identical = Enumerable.Range(0, queries).Count(i => found[i].SequenceEqual(exact[i]));
                    rows.Add(Row(size, k, $"int8 first pass, rescore {factor}×k", times, $"{recall:0.0000} ({identical}/{queries} identical lists)"));
                }
            }
            floors.Add(Floor(size, quantiseMs));
        }
        return $"""
            Random unit vectors (Gaussian components, normalised), {Dimensions} dimensions, {ChunksPerDocument} chunks per document, searched through `VectorIndex.Snapshot` as the store searches it; {queries} random unit queries per row after 20 warm-up queries; one thread per query (the search is single-threaded); no filter.

            | Chunks | k | Search | p50 ms | p99 ms | mean ms | recall@k vs exact |
            |---:|---:|---|---:|---:|---:|---|
            {string.Join("\n", rows)}

            Memory floor (the same bytes streamed with `TensorPrimitives.Sum`, no search work) and one-off quantisation:

            | Chunks | float32 bytes | float32 floor, 1 thread ms | float32 floor, 2 threads ms | int8 bytes | int8 floor, 1 thread ms | first int8 search (quantises all) ms |
            |---:|---:|---:|---:|---:|---:|---:|
            {string.Join("\n", floors)}
            """;
    }

    private static List<(string, int)> Ids(List<(VectorIndex.Entry Entry, int Chunk, float Cosine)> hits) =>
        hits.Select(h => (h.Entry.Document.Id, h.Chunk)).ToList();

    private static string Row(int size, int k, string name, Timings t, string recall) =>
        $"| {size:N0} | {k} | {name} | {t.P50:0.00} | {t.P99:0.00} | {t.Mean:0.00} | {recall} |";

    /// <summary>How long merely reading the index's bytes takes, contiguous: the bound any scan approaches.</summary>
    private static string Floor(int size, double quantiseMs)
    {
        var floats = new float[size * Dimensions];
        var bytes = new sbyte[size * Dimensions];
        new Random(3).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bytes.AsSpan()));
        Array.Fill(floats, 0.01f);
        var oneThread = Timings.Of(5, 30, _ => TensorPrimitives.Sum(floats)).P50;
        var half = floats.Length / 2;
        var twoThreads = Timings.Of(5, 30, _ => Parallel.Invoke(() => TensorPrimitives.Sum(floats.AsSpan(0, half)), () => TensorPrimitives.Sum(floats.AsSpan(half)))).P50;
        var int8 = Timings.Of(5, 30, _ => TensorPrimitives.Sum(System.Runtime.InteropServices.MemoryMarshal.Cast<sbyte, int>(bytes.AsSpan()))).P50;
        return $"| {size:N0} | {floats.Length * 4 / 1e6:0.0} MB | {oneThread:0.00} | {twoThreads:0.00} | {bytes.Length / 1e6:0.0} MB | {int8:0.00} | {quantiseMs:0.0} |";
    }
}
