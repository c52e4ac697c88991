using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagChat.Api.Chat;
using RagChat.Api.Chat.Augmentation;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Common;
using RagChat.Api.Embeddings;
using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Embedded;

namespace RagChat.Bench;

/// <summary>
/// What a chat request spends before the model can produce its first token, at 10k chunks: embed the
/// question, hybrid search (dense + BM25 fused), pack and build the prompt. The steps ChatService runs
/// through Retriever and PromptPacker, called directly with the services' default options.
/// </summary>
public static class OverheadBench
{
    public static string Run(BenchData data, int chunkCount, int queries)
    {
        using var embeddings = new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions()));
        var documents = Index(data, embeddings.Tokenizer, chunkCount, out var indexed);
        var llm = Options.Create(new LlmOptions());
        var builder = new PromptBuilder();
        var packer = new PromptPacker(new ChatTokenCounter(llm, NullLogger<ChatTokenCounter>.Instance), builder, llm);
        var retrieval = new RetrievalOptions();
        var questions = Enumerable.Range(0, queries).Select(i => data.Queries[i % data.Queries.Count]).ToList();

        Timings embed = new(), search = new(), prompt = new(), total = new();
        var sources = 0;
        var vectors = new List<(string Question, float[] Vector)>();
        void Once(string question, bool record)
        {
            var start = Stopwatch.GetTimestamp();
            var vector = embeddings.EmbedOneAsync(question, CancellationToken.None).GetAwaiter().GetResult();
            var embedded = Stopwatch.GetTimestamp();
            var query = new ChunkQuery(vector, TextTerms.Count(question), RetrievalMode.Hybrid, retrieval.TopK, null, null, retrieval.Candidates);
            var hits = EmbeddedChunkStore.Search(documents, query);
            var searched = Stopwatch.GetTimestamp();
            var packed = packer.PackAsync(question, [], hits, CancellationToken.None).GetAwaiter().GetResult();
            var chat = builder.BuildAsync(question, packed.History, packed.Sources, CancellationToken.None).GetAwaiter().GetResult();
            var end = Stopwatch.GetTimestamp();
            if (!record) return;
            vectors.Add((question, vector));
            embed.Add(Stopwatch.GetElapsedTime(start, embedded).TotalMilliseconds);
            search.Add(Stopwatch.GetElapsedTime(embedded, searched).TotalMilliseconds);
            prompt.Add(Stopwatch.GetElapsedTime(searched, end).TotalMilliseconds);
            total.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            sources += packed.Sources.Count;
            GC.KeepAlive(chat);
        }
        foreach (var question in questions.Take(20)) Once(question, record: false);
        foreach (var question in questions) Once(question, record: true);

        // The hybrid search taken apart: each retriever alone, on the same questions and vectors.
        Timings Alone(RetrievalMode mode) => Timings.Of(0, vectors.Count, i => EmbeddedChunkStore.Search(documents,
            new ChunkQuery(vectors[i].Vector, TextTerms.Count(vectors[i].Question), mode, mode == RetrievalMode.Hybrid ? retrieval.TopK : retrieval.Candidates, null, null, retrieval.Candidates)));
        var hybrid = Alone(RetrievalMode.Hybrid);
        var dense = Alone(RetrievalMode.Dense);
        var lexical = Alone(RetrievalMode.Lexical);

        // Diagnostic: ORT's idle intra-op threads spin-wait after each run and take the cores the search
        // needs next. The same embedding from a session with spinning off, then the same hybrid search.
        var modelFile = Path.Combine(new EmbeddingOptions().ResolveModelFolder(), "model.onnx");
        using var quiet = new RawOnnx(modelFile, allowSpinning: false);
        Timings quietEmbed = new(), quietSearch = new();
        for (var i = -20; i < vectors.Count; i++)
        {
            var question = vectors[Math.Max(i, 0)].Question;
            var start = Stopwatch.GetTimestamp();
            var vector = quiet.EmbedOne(question, embeddings.Tokenizer, embeddings.MaxTokens);
            var embedded = Stopwatch.GetTimestamp();
            EmbeddedChunkStore.Search(documents, new ChunkQuery(vector, TextTerms.Count(question), RetrievalMode.Hybrid, retrieval.TopK, null, null, retrieval.Candidates));
            if (i < 0) continue;
            quietEmbed.Add(Stopwatch.GetElapsedTime(start, embedded).TotalMilliseconds);
            quietSearch.Add(Timings.Ms(embedded));
        }

        string Row(string step, Timings t) => $"| {step} | {t.P50:0.00} | {t.P99:0.00} | {t.Mean:0.00} |";
        return $"""
            {indexed} chunks: real chunk text ({data.Source}, chunked as ingestion does, documents repeated under new ids to reach the count) with random unit vectors (so dense ranks are arbitrary, BM25 ranks are real; the min-score threshold is not applied, every fused hit goes to the packer); {queries} questions (SciFact claims when present), after 20 warm-up questions. Hybrid mode, topK {retrieval.TopK}, {retrieval.Candidates} candidates per retriever, RRF k 60; Llm defaults (8192-token context, o200k_base counting, built-in template); {(double)sources / queries:0.0} sources per prompt on average. One request at a time.

            | Step | p50 ms | p99 ms | mean ms |
            |---|---:|---:|---:|
            {Row("embed the question (OnnxEmbeddingGenerator)", embed)}
            {Row("hybrid search (EmbeddedChunkStore.Search, exact dense + BM25 + RRF)", search)}
            {Row("pack + build the prompt (PromptPacker, PromptBuilder)", prompt)}
            {Row("**total before the first token**", total)}
            {Row("_hybrid search again, not right after an embedding_", hybrid)}
            {Row("_of the search: dense alone (exact, top 50)_", dense)}
            {Row("_of the search: BM25 alone (LexicalSearch, top 50)_", lexical)}
            {Row("_diagnostic: embed with ORT spinning off (raw session, same tokens and pooling)_", quietEmbed)}
            {Row("_diagnostic: hybrid search right after that embedding_", quietSearch)}

            Target p50 ≤ 50 ms: {(total.P50 <= 50 ? "met" : "not met")}.
            """;
    }

    /// <summary>Chunks of the corpus with random vectors, in one index snapshot, until <paramref name="chunkCount"/> chunks.</summary>
    private static IEnumerable<VectorIndex.Entry> Index(BenchData data, WordPieceTokenizer tokenizer, int chunkCount, out int indexed)
    {
        var index = new VectorIndex();
        var random = new Random(5);
        var chunked = data.Chunked(tokenizer).ToList();
        indexed = 0;
        for (var round = 0; indexed < chunkCount; round++)
        {
            foreach (var (documentId, chunks) in chunked)
            {
                if (indexed >= chunkCount) break;
                var id = round == 0 ? documentId : $"{documentId}-{round}";
                var stored = chunks.Take(chunkCount - indexed)
                    .Select(c => new StoredChunk(StoredChunk.IdFor(id, c.Index), id, c.Index, c.Text, null, BenchData.RandomUnitVector(random, OnnxEmbeddingGenerator.Dimensions)))
                    .ToList();
                index.Put(BenchData.Document(id, stored.Count), stored);
                indexed += stored.Count;
            }
        }
        return index.Snapshot("bench");
    }
}
