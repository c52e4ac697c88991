using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Lexical;

namespace RagChat.Tests.Retrieval;

public sealed class RankFusionTests
{
    private static ChunkHit Hit(string id, float cosine, RetrieverScores? scores = null) =>
        new(id, id, 0, id, null, null, id, [], cosine, null, scores);

    private static IReadOnlyList<ChunkHit> Dense(params string[] ids) =>
        ids.Select((id, i) => Hit(id, 0.9f - i * 0.1f, new RetrieverScores(new RankedScore(i + 1, 0.9f - i * 0.1f), null))).ToList();

    private static IReadOnlyList<ChunkHit> Lexical(params string[] ids) =>
        ids.Select((id, i) => Hit(id, 0.1f, new RetrieverScores(null, new RankedScore(i + 1, 10f - i)))).ToList();

    [Fact]
    public void AChunkBothRetrieversFoundOutranksChunksOnlyOneFound()
    {
        var fused = RankFusion.Fuse(Dense("a", "b"), Lexical("c", "b"), new FusionSettings(), 3);

        Assert.Equal("b", fused[0].ChunkId);
        Assert.Equal(2, fused[0].Scores!.Dense!.Rank);
        Assert.Equal(0.8f, fused[0].Scores!.Dense!.Score, 1e-6f);
        Assert.Equal(new RankedScore(2, 9f), fused[0].Scores!.Lexical);
        Assert.Equal(2f / 62, fused[0].Scores!.Fused!.Value, 1e-6f);
    }

    [Fact]
    public void EachHitSaysWhichRetrieversFoundIt()
    {
        var fused = RankFusion.Fuse(Dense("a"), Lexical("c"), new FusionSettings(), 10).ToDictionary(h => h.ChunkId);

        Assert.NotNull(fused["a"].Scores!.Dense);
        Assert.Null(fused["a"].Scores!.Lexical);
        Assert.Null(fused["c"].Scores!.Dense);
        Assert.NotNull(fused["c"].Scores!.Lexical);
        Assert.Equal(0.1f, fused["c"].Score); // the cosine the store reported stays the hit's score
    }

    [Fact]
    public void WeightsDecideBetweenEqualRanks()
    {
        var lexicalHeavy = RankFusion.Fuse(Dense("a"), Lexical("c"), new FusionSettings(60, 0.5f, 2f), 2);
        var denseHeavy = RankFusion.Fuse(Dense("a"), Lexical("c"), new FusionSettings(60, 2f, 0.5f), 2);

        Assert.Equal("c", lexicalHeavy[0].ChunkId);
        Assert.Equal("a", denseHeavy[0].ChunkId);
    }

    [Fact]
    public void ASmallKRewardsTheTopRanksMore()
    {
        // a: dense rank 1 only; b: rank 4 in both lists.
        var dense = Dense("a", "x", "w", "b");
        var lexical = Lexical("y", "z", "v", "b");

        Assert.Equal("a", RankFusion.Fuse(dense, lexical, new FusionSettings(K: 1), 1)[0].ChunkId);
        Assert.Equal("b", RankFusion.Fuse(dense, lexical, new FusionSettings(K: 60), 1)[0].ChunkId);
    }

    [Fact]
    public void TopKCutsTheFusedList()
    {
        Assert.Equal(2, RankFusion.Fuse(Dense("a", "b", "c"), Lexical("d", "e"), new FusionSettings(), 2).Count);
    }
}

public sealed class Bm25Tests
{
    [Fact]
    public void RareTermsWeighMoreThanCommonOnes()
    {
        Assert.True(Bm25.Idf(1, 1000) > Bm25.Idf(500, 1000));
        Assert.True(Bm25.Idf(1000, 1000) > 0); // never negative, unlike the original BM25 IDF
    }

    [Fact]
    public void TermFrequencySaturatesAndLongChunksWeighLess()
    {
        var once = Bm25.TermWeight(1, 100, 100);
        var twice = Bm25.TermWeight(2, 100, 100);
        var tenTimes = Bm25.TermWeight(10, 100, 100);

        Assert.True(twice > once);
        Assert.True(tenTimes < Bm25.K1 + 1); // the saturation limit
        Assert.True(Bm25.TermWeight(1, 400, 100) < once);
        Assert.Equal(1f, once, 1e-6f); // at the mean length, one occurrence weighs exactly 1
    }
}
