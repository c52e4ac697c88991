using RagChat.Api.Common;
using RagChat.Api.VectorStore;

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

    protected static StoredDocument Doc(string id, string collection = "c", string hash = "h1", params string[] tags) =>
        new(id, collection, $"Title {id}", $"{id}.txt", tags, hash, 0, DateTimeOffset.UtcNow);

    protected static float[] Unit(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    protected static StoredChunk Chunk(string doc, int index, float[] vector, string? text = null) =>
        new(StoredChunk.IdFor(doc, index), doc, index, text ?? $"{doc} text {index}", null, vector);

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

    private static List<string> Ids(IReadOnlyList<ChunkHit> hits) => hits.Select(h => h.DocumentId).Distinct().ToList();
}
