using System.Diagnostics;
using Microsoft.Extensions.Options;
using RagChat.Api.Embeddings;

namespace RagChat.Bench;

/// <summary>
/// Embedding throughput on real chunks: our <see cref="OnnxEmbeddingGenerator"/> (length-sorted batches,
/// per-batch padding, mean pooling, L2) against raw ONNX Runtime on the very same batches (tokenize with
/// our tokenizer, build tensors, session.Run, no pooling), and against naive batching (input order, each
/// batch padded to its longest member, with pooling: our pipeline minus the sort).
/// </summary>
public static class EmbeddingBench
{
    public static string Run(BenchData data, int textCount, int slices)
    {
        var options = new EmbeddingOptions();
        using var ours = new OnnxEmbeddingGenerator(Options.Create(options));
        var texts = data.Chunked(ours.Tokenizer).SelectMany(d => d.Chunks).Select(c => c.Text).Take(textCount).ToList();
        using var raw = new RawOnnx(Path.Combine(options.ResolveModelFolder(), "model.onnx"));
        var encoded = texts.Select(t => ours.Tokenizer.EncodeForModel(t, options.MaxTokens)).ToArray();
        var tokens = encoded.Sum(e => e.Count);

        // Warm-up: one pass of each over a few batches (JIT, ORT arena, thread pool).
        var warm = texts.Take(options.BatchSize * 2).ToList();
        ours.GenerateAsync(warm).GetAwaiter().GetResult();
        raw.Run(warm, [Enumerable.Range(0, warm.Count).ToArray()], ours.Tokenizer, options.MaxTokens, pool: true);

        // The texts go in slices, each embedded by all three in turn, so drift on a shared machine hits all
        // three alike. Within a slice, raw ORT gets exactly the batches our generator forms (sorted by length).
        double oursSeconds = 0, rawSeconds = 0, naiveSeconds = 0;
        long sortedPadded = 0, naivePadded = 0;
        var sliceSize = (texts.Count + slices - 1) / slices;
        foreach (var slice in Enumerable.Range(0, texts.Count).Chunk(sliceSize))
        {
            var sliceTexts = slice.Select(i => texts[i]).ToList();
            var sorted = Enumerable.Range(0, slice.Length).OrderBy(i => encoded[slice[i]].Count).Chunk(options.BatchSize).ToList();
            var naive = Enumerable.Range(0, slice.Length).Chunk(options.BatchSize).ToList();
            sortedPadded += sorted.Sum(b => (long)b.Length * b.Max(i => encoded[slice[i]].Count));
            naivePadded += naive.Sum(b => (long)b.Length * b.Max(i => encoded[slice[i]].Count));

            // Raw and naive tokenise inside the timed region, as our generator does.
            oursSeconds += Time(() => ours.GenerateAsync(sliceTexts).GetAwaiter().GetResult());
            rawSeconds += Time(() => raw.Run(sliceTexts, sorted, ours.Tokenizer, options.MaxTokens, pool: false));
            naiveSeconds += Time(() => raw.Run(sliceTexts, naive, ours.Tokenizer, options.MaxTokens, pool: true));
            Console.WriteLine($"  after {slice[^1] + 1} texts: ours {oursSeconds:0.0} s, raw {rawSeconds:0.0} s, naive {naiveSeconds:0.0} s");
        }

        string Row(string name, double s, long padded, string pooling) =>
            $"| {name} | {texts.Count / s:0.0} | {tokens / s:0} | {s:0.00} | {100.0 * tokens / padded:0}% | {pooling} |";
        return $"""
            {texts.Count} chunks ({tokens} word pieces, mean {(double)tokens / texts.Count:0} per chunk, max {encoded.Max(e => e.Count)}): the first chunks of {data.Source}, chunked as ingestion does (200 word pieces, 40 overlap). Batch size {options.BatchSize}, max {options.MaxTokens} tokens, ORT default threads, graph optimisation ALL. Embedded in {slices} slices of {sliceSize}, each slice by all three in turn after a warm-up (sorting happens within a slice, as within one GenerateAsync call); tokens/s counts real word pieces, not padding. Raw ORT tokenises with our WordPieceTokenizer and builds the same tensors, runs the session and only reads the output (no pooling). Naive batching pads each batch to its own longest member (not to 256).

            | Pipeline | chunks/s | tokens/s | seconds | real/padded tokens | pooling |
            |---|---:|---:|---:|---:|---|
            {Row("ours: OnnxEmbeddingGenerator (length-sorted, per-batch padding)", oursSeconds, sortedPadded, "mean + L2")}
            {Row("raw ONNX Runtime, the same sorted batches", rawSeconds, sortedPadded, "none (output read only)")}
            {Row("naive: input order, each batch padded to its longest", naiveSeconds, naivePadded, "mean + L2")}

            Ours vs raw ORT: {100 * (oursSeconds / rawSeconds - 1):+0.0;-0.0}% time (target: within 10%). Sorted vs naive: {naiveSeconds / oursSeconds:0.00}× the throughput (target: sorted beats naive).
            """;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
