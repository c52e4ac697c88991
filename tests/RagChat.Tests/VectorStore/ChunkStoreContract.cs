using RagChat.Api.Common;
using RagChat.Api.VectorStore;
using static RagChat.Tests.VectorStore.StoreData;

namespace RagChat.Tests.VectorStore;

/// <summary>What every chunk store must do. Each implementation runs this suite through a subclass.</summary>
public abstract class ChunkStoreContract : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IChunkStore Store { get; private set; } = null!;

    protected abstract Task<IChunkStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SearchRanksByCosineBestFirstWithScores()
    {
        await Store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(1, 1, 0, 0))], Ct);
        await Store.UpsertDocumentAsync(Doc("b"), [Chunk("b", 0, Unit(0, 0, 1, 0))], Ct);

        var hits = await Store.SearchAsync("c", Unit(1, 0.1f, 0, 0), 2, -1, null, Ct);

        Assert.Equal(["a#0", "a#1"], hits.Select(h => h.ChunkId));
        Assert.Equal(0.995f, hits[0].Score, 0.01f);
        Assert.Equal(0.774f, hits[1].Score, 0.01f);
        Assert.Equal("Title a", hits[0].Title);
        Assert.Equal("a text 0", hits[0].Text);
        Assert.Equal("a.txt", hits[0].Source);
    }

    [Fact]
    public async Task ThresholdTagAndDocumentFiltersApply()
    {
        await Store.UpsertDocumentAsync(Doc("a", tags: ["lang:en"]), [Chunk("a", 0, Unit(1, 0, 0, 0))], Ct);
        await Store.UpsertDocumentAsync(Doc("b", tags: ["lang:ko", "team:ml"]), [Chunk("b", 0, Unit(1, 0.2f, 0, 0))], Ct);
        await Store.UpsertDocumentAsync(Doc("x", collection: "other"), [Chunk("x", 0, Unit(1, 0, 0, 0))], Ct);
        var query = Unit(1, 0, 0, 0);

        Assert.Equal(["b"], Ids(await Store.SearchAsync("c", query, 10, -1, new ChunkFilter(AllTags: ["lang:ko", "team:ml"]), Ct)));
        Assert.Empty(await Store.SearchAsync("c", query, 10, -1, new ChunkFilter(AllTags: ["lang:ko", "lang:en"]), Ct));
        Assert.Equal(["a", "b"], Ids(await Store.SearchAsync("c", query, 10, -1, new ChunkFilter(AnyTags: ["lang:ko", "lang:en"]), Ct)));
        Assert.Equal(["b"], Ids(await Store.SearchAsync("c", query, 10, -1, new ChunkFilter(DocumentIds: ["b"]), Ct)));
        Assert.Equal(["a"], Ids(await Store.SearchAsync("c", query, 10, 0.99f, null, Ct)));
        Assert.Equal(["x"], Ids(await Store.SearchAsync("other", query, 10, -1, null, Ct)));
    }

    [Fact]
    public async Task ReplacingADocumentLeavesNoStaleChunks()
    {
        await Store.UpsertDocumentAsync(Doc("a", hash: "old"), [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(0, 1, 0, 0)), Chunk("a", 2, Unit(0, 0, 1, 0))], Ct);

        await Store.UpsertDocumentAsync(Doc("a", hash: "new") with { Title = "New title" }, [Chunk("a", 0, Unit(0, 0, 0, 1), "replacement")], Ct);

        var hits = await Store.SearchAsync("c", Unit(1, 1, 1, 1), 10, -1, null, Ct);
        Assert.Equal(["replacement"], hits.Select(h => h.Text));
        var found = await Store.GetDocumentAsync("c", "a", Ct);
        Assert.Equal("New title", found!.Value.Document.Title);
        Assert.Single(found.Value.Chunks);
        Assert.Equal(["New title"], (await Store.ListDocumentsAsync("c", null, Ct)).Select(d => d.Title));
    }

    [Fact]
    public async Task IngestingTheSameVersionTwiceDoesNotDuplicate()
    {
        StoredChunk[] chunks = [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(0, 1, 0, 0))];
        await Store.UpsertDocumentAsync(Doc("a"), chunks, Ct);
        await Store.UpsertDocumentAsync(Doc("a"), chunks, Ct);

        Assert.Equal(2, (await Store.SearchAsync("c", Unit(1, 1, 0, 0), 10, -1, null, Ct)).Count);
        Assert.Equal(2, (await Store.GetDocumentAsync("c", "a", Ct))!.Value.Chunks.Count);
    }

    [Fact]
    public async Task ConcurrentWritesOfOneDocumentLeaveOneWholeVersion()
    {
        for (var round = 0; round < 10; round++)
        {
            var a = Store.UpsertDocumentAsync(Doc("d", hash: "a"), [Chunk("d", 0, Unit(1, 0, 0, 0), "a0"), Chunk("d", 1, Unit(0, 1, 0, 0), "a1")], Ct);
            var b = Store.UpsertDocumentAsync(Doc("d", hash: "b"), [Chunk("d", 0, Unit(0, 0, 1, 0), "b0"), Chunk("d", 1, Unit(0, 0, 0, 1), "b1")], Ct);
            await Task.WhenAll(a, b);

            var found = await Store.GetDocumentAsync("c", "d", Ct);
            Assert.NotNull(found);
            var texts = found.Value.Chunks.Select(c => c.Text).ToList();
            Assert.True(texts.SequenceEqual(["a0", "a1"]) || texts.SequenceEqual(["b0", "b1"]), string.Join(",", texts));
            Assert.Equal(2, (await Store.SearchAsync("c", Unit(1, 1, 1, 1), 10, -1, null, Ct)).Count);
        }
    }

    [Fact]
    public async Task RewritingTheSameTextKeepsTheDocumentWhole()
    {
        StoredChunk[] chunks = [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(0, 1, 0, 0))];
        await Store.UpsertDocumentAsync(Doc("a"), chunks, Ct);

        await Store.UpsertDocumentAsync(Doc("a") with { Title = "Retitled" }, chunks, Ct);

        var found = await Store.GetDocumentAsync("c", "a", Ct);
        Assert.Equal("Retitled", found!.Value.Document.Title);
        Assert.Equal(2, found.Value.Chunks.Count);
    }

    [Fact]
    public async Task DeleteRemovesEveryChunkOfTheDocumentOnly()
    {
        await Store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(0, 1, 0, 0))], Ct);
        await Store.UpsertDocumentAsync(Doc("b"), [Chunk("b", 0, Unit(1, 1, 0, 0))], Ct);

        Assert.True(await Store.DeleteDocumentAsync("c", "a", Ct));
        Assert.False(await Store.DeleteDocumentAsync("c", "a", Ct));

        Assert.Equal(["b"], Ids(await Store.SearchAsync("c", Unit(1, 0, 0, 0), 10, -1, null, Ct)));
        Assert.Null(await Store.GetDocumentAsync("c", "a", Ct));
        Assert.Equal(["b"], (await Store.ListDocumentsAsync("c", null, Ct)).Select(d => d.Id));
    }

    [Fact]
    public async Task ListAndGetReturnDocumentsAndOrderedChunks()
    {
        await Store.UpsertDocumentAsync(Doc("b", tags: ["kind:note"]), [Chunk("b", 0, Unit(1, 0, 0, 0))], Ct);
        await Store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 1, Unit(0, 1, 0, 0)), Chunk("a", 0, Unit(1, 0, 0, 0))], Ct);
        await Store.UpsertDocumentAsync(Doc("z", collection: "other"), [Chunk("z", 0, Unit(1, 0, 0, 0))], Ct);

        Assert.Equal(["a", "b"], (await Store.ListDocumentsAsync("c", null, Ct)).Select(d => d.Id));
        Assert.Equal(["b"], (await Store.ListDocumentsAsync("c", "kind:note", Ct)).Select(d => d.Id));
        Assert.Equal(["a", "b", "z"], (await Store.ListDocumentsAsync(null, null, Ct)).Select(d => d.Id));
        var found = await Store.GetDocumentAsync("c", "a", Ct);
        Assert.Equal([0, 1], found!.Value.Chunks.Select(c => c.Index));
        Assert.Equal(Unit(1, 0, 0, 0), found.Value.Chunks[0].Vector);
        Assert.Equal(["kind:note"], (await Store.GetDocumentAsync("c", "b", Ct))!.Value.Document.Tags);
    }

    [Fact]
    public async Task TagsChangeWithoutRewritingTheChunks()
    {
        await Store.UpsertDocumentAsync(Doc("a", tags: ["lang:en"]), [Chunk("a", 0, Unit(1, 0, 0, 0)), Chunk("a", 1, Unit(0, 1, 0, 0))], Ct);

        Assert.True(await Store.UpdateTagsAsync("c", "a", ["lang:ko", "team:ml", "team:ops"], Ct));
        Assert.False(await Store.UpdateTagsAsync("c", "missing", ["x:y"], Ct));

        Assert.Equal(2, (await Store.SearchAsync("c", Unit(1, 1, 0, 0), 10, -1, new ChunkFilter(AllTags: ["team:ops"]), Ct)).Count);
        Assert.Empty(await Store.SearchAsync("c", Unit(1, 1, 0, 0), 10, -1, new ChunkFilter(AllTags: ["lang:en"]), Ct));
        Assert.Equal(["a"], (await Store.ListDocumentsAsync("c", "team:ml", Ct)).Select(d => d.Id));
        var found = await Store.GetDocumentAsync("c", "a", Ct);
        Assert.Equal(["lang:ko", "team:ml", "team:ops"], found!.Value.Document.Tags.Order());
        Assert.Equal(2, found.Value.Chunks.Count);
    }

    [Fact]
    public async Task VectorsOfAnotherSizeAreRefused()
    {
        await Store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0))], Ct);

        var error = await Assert.ThrowsAnyAsync<RagChatException>(() => Store.UpsertDocumentAsync(Doc("b"), [Chunk("b", 0, Unit(1, 0, 0))], Ct));

        Assert.Equal("vector_dimension_mismatch", error.Code);
        Assert.Contains("4", error.Message);
        Assert.Contains("3", error.Message);
        Assert.Null(await Store.GetDocumentAsync("c", "b", Ct));
    }

    [Fact]
    public async Task AnEmptyStoreAnswersEmpty()
    {
        Assert.Empty(await Store.SearchAsync("c", Unit(1, 0, 0, 0), 5, -1, null, Ct));
        Assert.Empty(await Store.ListDocumentsAsync(null, null, Ct));
        Assert.Null(await Store.GetDocumentAsync("c", "a", Ct));
        Assert.False(await Store.DeleteDocumentAsync("c", "a", Ct));
    }

    // Lexical and hybrid search. The embedded store computes BM25 with the collection's true mean chunk
    // length, Qdrant with a fixed estimate, so these assert clear-cut rankings rather than BM25 values.

    /// <summary>Dense ranks a, c, b; lexical ranks b, c for "zephyr".</summary>
    private async Task SeedFruitAndZephyrAsync()
    {
        await Store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0.1f, 0, 0), "apples and oranges")], Ct);
        await Store.UpsertDocumentAsync(Doc("b"), [Chunk("b", 0, Unit(0, 0, 1, 0), "zephyr zephyr")], Ct);
        await Store.UpsertDocumentAsync(Doc("c"), [Chunk("c", 0, Unit(1, 0.5f, 0, 0), "zephyr notes about apples, oranges, pears, plums and grapes")], Ct);
    }

    [Fact]
    public async Task LexicalFindsARareKeywordThatDenseRanksLow()
    {
        await Store.UpsertDocumentAsync(Doc("x"), [Chunk("x", 0, Unit(1, 0.1f, 0, 0), "Deployment notes for the cluster")], Ct);
        await Store.UpsertDocumentAsync(Doc("y"), [Chunk("y", 0, Unit(1, 0.3f, 0, 0), "Scaling notes for the cluster")], Ct);
        await Store.UpsertDocumentAsync(Doc("k"), [Chunk("k", 0, Unit(0.6f, 0, 0, 0.8f), "The cluster runs on Kubernetes nodes")], Ct);
        var vector = Unit(1, 0, 0, 0);

        var dense = await Store.SearchAsync("c", Query(vector, "kubernetes", RetrievalMode.Dense, 1), Ct);
        var lexical = await Store.SearchAsync("c", Query(vector, "kubernetes", RetrievalMode.Lexical, 5), Ct);

        Assert.Equal(["x#0"], dense.Select(h => h.ChunkId));
        Assert.Equal(1, dense[0].Scores?.Dense?.Rank);
        Assert.Null(dense[0].Scores?.Lexical);
        var hit = Assert.Single(lexical);
        Assert.Equal("k#0", hit.ChunkId);
        Assert.Equal("The cluster runs on Kubernetes nodes", hit.Text);
        Assert.Equal("Title k", hit.Title);
        Assert.Equal(0.6f, hit.Score, 0.01f); // the cosine, whatever the mode ranked by
        Assert.Null(hit.Scores?.Dense);
        Assert.Equal(1, hit.Scores?.Lexical?.Rank);
        Assert.True(hit.Scores!.Lexical!.Score > 0);
        Assert.Null(hit.Scores.Fused);
    }

    [Fact]
    public async Task LexicalRanksByBm25AndMatchesKoreanThroughHangulBigrams()
    {
        await Store.UpsertDocumentAsync(Doc("ko"), [Chunk("ko", 0, Unit(0, 1, 0, 0), "문서와 검색은 중요하다"), Chunk("ko", 1, Unit(0, 1, 0, 0), "오늘은 날씨가 좋습니다")], Ct);
        await Store.UpsertDocumentAsync(Doc("en"), [Chunk("en", 0, Unit(1, 0, 0, 0), "retrieval of documents"), Chunk("en", 1, Unit(1, 0, 0, 0), "retrieval retrieval")], Ct);

        var korean = await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "문서를 검색", RetrievalMode.Lexical, 10), Ct);
        var english = await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "retrieval", RetrievalMode.Lexical, 10), Ct);

        Assert.Equal(["ko#0"], korean.Select(h => h.ChunkId));
        Assert.Equal(0f, korean[0].Score, 0.01f);
        // Twice in a shorter chunk beats once in a longer one.
        Assert.Equal(["en#1", "en#0"], english.Select(h => h.ChunkId));
        Assert.Equal([1, 2], english.Select(h => h.Scores!.Lexical!.Rank));
        Assert.True(english[0].Scores!.Lexical!.Score > english[1].Scores!.Lexical!.Score);
    }

    [Fact]
    public async Task HybridFusesBothRetrieversAndSaysWhichFoundEachChunk()
    {
        await SeedFruitAndZephyrAsync();
        await Store.UpsertDocumentAsync(Doc("d"), [Chunk("d", 0, Unit(1, 1, 0, 0), "bananas")], Ct);
        var vector = Unit(1, 0, 0, 0);

        var hits = await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Hybrid, 10), Ct);

        // Dense ranks a, c, d, b; lexical ranks b, c. Fused (k = 60): c 2/62, b 1/61 + 1/64, a 1/61, d 1/63.
        Assert.Equal(["c#0", "b#0", "a#0", "d#0"], hits.Select(h => h.ChunkId));
        var (a, b, c, d) = (hits[2], hits[1], hits[0], hits[3]);
        Assert.Equal((2, 2), (c.Scores!.Dense!.Rank, c.Scores.Lexical!.Rank));
        Assert.Equal((4, 1), (b.Scores!.Dense!.Rank, b.Scores.Lexical!.Rank));
        Assert.Equal(1, a.Scores!.Dense!.Rank);
        Assert.Null(a.Scores.Lexical);
        Assert.Equal(3, d.Scores!.Dense!.Rank);
        Assert.Null(d.Scores.Lexical);
        Assert.Equal(2f / 62, c.Scores.Fused!.Value, 1e-5f);
        Assert.Equal(1f / 61 + 1f / 64, b.Scores.Fused!.Value, 1e-5f);
        Assert.Equal(1f / 61, a.Scores.Fused!.Value, 1e-5f);
        Assert.Equal(1f / 63, d.Scores.Fused!.Value, 1e-5f);
        // Score stays the cosine; the dense retriever's raw score is the same cosine.
        Assert.Equal(0.894f, c.Score, 0.01f);
        Assert.Equal(c.Score, c.Scores.Dense.Score, 0.001f);
        Assert.Equal(0f, b.Score, 0.01f);
        Assert.True(b.Scores.Lexical.Score > c.Scores.Lexical.Score);
    }

    [Fact]
    public async Task HybridWeightsAndMissingTermsShapeTheFusion()
    {
        await SeedFruitAndZephyrAsync();
        var vector = Unit(1, 0, 0, 0);

        var lexicalOnly = await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Hybrid, 10, fusion: new FusionSettings(DenseWeight: 0)), Ct);
        var noTerms = await Store.SearchAsync("c", Query(vector, "?!", RetrievalMode.Hybrid, 10), Ct);
        var smallK = await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Hybrid, 10, fusion: new FusionSettings(K: 1)), Ct);
        var lexicalHeavy = await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Hybrid, 10, fusion: new FusionSettings(K: 10, DenseWeight: 0.5f, LexicalWeight: 2f)), Ct);

        // A weight of 0 leaves the dense-only chunk at the end with a fused score of 0, still annotated.
        Assert.Equal(["b#0", "c#0", "a#0"], lexicalOnly.Select(h => h.ChunkId));
        Assert.Equal(1f / 61, lexicalOnly[0].Scores!.Fused!.Value, 1e-5f);
        Assert.Equal(0f, lexicalOnly[2].Scores!.Fused!.Value, 1e-6f);
        Assert.Equal(1, lexicalOnly[2].Scores!.Dense!.Rank);
        // A question without terms fuses the dense list alone.
        Assert.Equal(["a#0", "c#0", "b#0"], noTerms.Select(h => h.ChunkId));
        Assert.All(noTerms, h => Assert.Null(h.Scores!.Lexical));
        Assert.Equal(1f / 61, noTerms[0].Scores!.Fused!.Value, 1e-5f);
        // k = 1 (dense a, c, b; lexical b, c): b 1/4 + 1/2, c 2/3, a 1/2.
        Assert.Equal(["b#0", "c#0", "a#0"], smallK.Select(h => h.ChunkId));
        Assert.Equal([0.75f, 2f / 3, 0.5f], smallK.Select(h => MathF.Round(h.Scores!.Fused!.Value, 5)).ToArray(), (x, y) => MathF.Abs(x - y) < 1e-4f);
        // Weights stretch ranks, 1 / (k + rank / w), the same on every store: c 1/(10+2/2) + 1/(10+2/0.5), b 1/(10+1/2) + 1/(10+3/0.5), a 1/(10+1/0.5).
        Assert.Equal(["c#0", "b#0", "a#0"], lexicalHeavy.Select(h => h.ChunkId));
        Assert.Equal([1f / 11 + 1f / 14, 1f / 10.5f + 1f / 16, 1f / 12], lexicalHeavy.Select(h => h.Scores!.Fused!.Value).ToArray(), (x, y) => MathF.Abs(x - y) < 1e-5f);
    }

    [Fact]
    public async Task FiltersApplyInLexicalAndHybridSearch()
    {
        await Store.UpsertDocumentAsync(Doc("a", tags: ["lang:en"]), [Chunk("a", 0, Unit(1, 0, 0, 0), "zephyr one")], Ct);
        await Store.UpsertDocumentAsync(Doc("b", tags: ["lang:ko", "team:ml"]), [Chunk("b", 0, Unit(1, 0.2f, 0, 0), "zephyr two")], Ct);
        await Store.UpsertDocumentAsync(Doc("x", collection: "other"), [Chunk("x", 0, Unit(1, 0, 0, 0), "zephyr zephyr")], Ct);
        var vector = Unit(1, 0, 0, 0);

        foreach (var mode in new[] { RetrievalMode.Lexical, RetrievalMode.Hybrid })
        {
            Assert.Equal(["b"], Ids(await Store.SearchAsync("c", Query(vector, "zephyr", mode, 10, new ChunkFilter(AllTags: ["lang:ko", "team:ml"])), Ct)));
            Assert.Empty(await Store.SearchAsync("c", Query(vector, "zephyr", mode, 10, new ChunkFilter(AllTags: ["lang:ko", "lang:en"])), Ct));
            Assert.Equal(["a", "b"], Ids(await Store.SearchAsync("c", Query(vector, "zephyr", mode, 10, new ChunkFilter(AnyTags: ["lang:ko", "lang:en"])), Ct)).Order());
            Assert.Equal(["a"], Ids(await Store.SearchAsync("c", Query(vector, "zephyr", mode, 10, new ChunkFilter(DocumentIds: ["a"])), Ct)));
            Assert.Equal(["x"], Ids(await Store.SearchAsync("other", Query(vector, "zephyr", mode, 10), Ct)));
        }
    }

    [Fact]
    public async Task ReplacedTextIsNeverFoundByItsWords()
    {
        await Store.UpsertDocumentAsync(Doc("a", hash: "v1"), [Chunk("a", 0, Unit(1, 0, 0, 0), "The secret code is 1234."), Chunk("a", 1, Unit(0, 1, 0, 0), "More secret things.")], Ct);
        await Store.UpsertDocumentAsync(Doc("a", hash: "v2"), [Chunk("a", 0, Unit(1, 0, 0, 0), "Nothing to see here.")], Ct);

        Assert.Empty(await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "secret code 1234", RetrievalMode.Lexical, 10), Ct));
        var hybrid = await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "secret code 1234", RetrievalMode.Hybrid, 10), Ct);
        Assert.Equal(["Nothing to see here."], hybrid.Select(h => h.Text));
        Assert.Null(hybrid[0].Scores!.Lexical);
        Assert.Equal(["a#0"], (await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "nothing", RetrievalMode.Lexical, 10), Ct)).Select(h => h.ChunkId));
    }

    [Fact]
    public async Task LexicalAndHybridReturnAtMostTopK()
    {
        for (var i = 0; i < 5; i++)
            await Store.UpsertDocumentAsync(Doc($"d{i}"), [Chunk($"d{i}", 0, Unit(1, i, 0, 0), $"zephyr {new string('x', i + 2)}")], Ct);
        var vector = Unit(1, 0, 0, 0);

        Assert.Equal(2, (await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Lexical, 2), Ct)).Count);
        Assert.Equal(3, (await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Hybrid, 3), Ct)).Count);
        Assert.Empty(await Store.SearchAsync("c", Query(vector, "zephyr", RetrievalMode.Hybrid, 0), Ct));
    }

    [Fact]
    public async Task ALexicalQueryWithoutTermsFindsNothing()
    {
        await Store.UpsertDocumentAsync(Doc("a"), [Chunk("a", 0, Unit(1, 0, 0, 0), "a b c")], Ct);
        await Store.UpsertDocumentAsync(Doc("b"), [Chunk("b", 0, Unit(1, 0, 0, 0), "words here")], Ct);

        Assert.Empty(await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "?! a", RetrievalMode.Lexical, 5), Ct));
        Assert.Empty(await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "absent", RetrievalMode.Lexical, 5), Ct));
        Assert.Equal(["a", "b"], Ids(await Store.SearchAsync("c", Query(Unit(1, 0, 0, 0), "?!", RetrievalMode.Dense, 5), Ct)).Order());
    }

    private static List<string> Ids(IReadOnlyList<ChunkHit> hits) => hits.Select(h => h.DocumentId).Distinct().ToList();
}
