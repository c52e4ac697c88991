using System.Numerics.Tensors;
using RagChat.Api.VectorStore;
using RagChat.Api.VectorStore.Embedded;
using static RagChat.Tests.VectorStore.StoreData;

namespace RagChat.Tests.VectorStore;

/// <summary>The int8 first pass with exact rescoring: recall against exact search, exact scores, and the edge cases it must not get wrong.</summary>
public sealed class QuantizedSearchTests
{
    private const int Dimensions = 384;
    private static readonly EmbeddedSearchOptions Int8 = new() { Int8FirstPass = true, RescoreFactor = 4 };

    private static float[] RandomUnit(Random random, int dimensions = Dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    private static IEnumerable<VectorIndex.Entry> Index(int documents, int chunksPerDocument, int seed, Func<int, string[]>? tags = null)
    {
        var random = new Random(seed);
        var index = new VectorIndex();
        for (var d = 0; d < documents; d++)
        {
            var id = $"d{d}";
            index.Put(Doc(id, tags: tags?.Invoke(d) ?? []), Enumerable.Range(0, chunksPerDocument).Select(i => Chunk(id, i, RandomUnit(random))).ToList());
        }
        return index.Snapshot("c");
    }

    private static List<(string Document, int Chunk, float Cosine)> Flat(List<(VectorIndex.Entry Entry, int Chunk, float Cosine)> hits) =>
        hits.Select(h => (h.Entry.Document.Id, h.Chunk, h.Cosine)).ToList();

    [Fact]
    public void SearchOverALargeCollectionSplitAcrossCoresFindsWhatOneScanFinds()
    {
        var snapshot = Index(2_500, 10, seed: 7, tags: d => d % 3 == 0 ? ["keep"] : []); // 25,000 chunks: the parallel path
        var sequential = snapshot.Select(e => e); // not an array: one scan
        var random = new Random(8);
        for (var q = 0; q < 5; q++)
        {
            var query = RandomUnit(random);
            Assert.Equal(Flat(VectorIndex.Nearest(sequential, query, 20, null)), Flat(VectorIndex.Nearest(snapshot, query, 20, null)));
            var filter = new ChunkFilter(AllTags: ["keep"]);
            Assert.Equal(Flat(VectorIndex.Nearest(sequential, query, 20, filter)), Flat(VectorIndex.Nearest(snapshot, query, 20, filter)));
            Assert.Equal(Flat(VectorIndex.Nearest(sequential, query, 20, null, Int8)), Flat(VectorIndex.Nearest(snapshot, query, 20, null, Int8)));
        }
    }

    [Fact]
    public void RecallAtTenAgainstExactSearchIsAtLeast99Percent()
    {
        var documents = Index(documents: 1000, chunksPerDocument: 10, seed: 1);
        var random = new Random(2);
        var recalls = Enumerable.Range(0, 50).Select(_ =>
        {
            var query = RandomUnit(random);
            var exact = Flat(VectorIndex.Nearest(documents, query, 10, null));
            var approximate = Flat(VectorIndex.Nearest(documents, query, 10, null, Int8));
            return (double)approximate.Select(h => (h.Document, h.Chunk)).Intersect(exact.Select(h => (h.Document, h.Chunk))).Count() / exact.Count;
        }).ToList();

        Assert.True(recalls.Average() >= 0.99, $"recall@10 {recalls.Average():0.000}");
    }

    [Fact]
    public void RescoredHitsHaveExactlyTheScoresAndOrderOfExactSearch()
    {
        var documents = Index(documents: 300, chunksPerDocument: 7, seed: 3);
        var random = new Random(4);
        for (var q = 0; q < 20; q++)
        {
            var query = RandomUnit(random);
            var exact = Flat(VectorIndex.Nearest(documents, query, 10, null));
            var approximate = Flat(VectorIndex.Nearest(documents, query, 10, null, Int8));

            // Same chunks, same order, bit-identical cosines: the int8 pass only chose the candidates.
            Assert.Equal(exact, approximate);
        }
    }

    [Fact]
    public void AFilterAndVectorsOfAnotherSizeAreRespected()
    {
        var random = new Random(5);
        var index = new VectorIndex();
        var query = RandomUnit(random);
        index.Put(Doc("match", tags: "keep"), [Chunk("match", 0, RandomUnit(random)), Chunk("match", 1, query)]);
        index.Put(Doc("filtered"), [Chunk("filtered", 0, query)]);
        index.Put(Doc("other-size", tags: "keep"), [Chunk("other-size", 0, RandomUnit(random, 8))]);
        // Mixed sizes in one document: the block cannot hold them, so those chunks are scored exactly.
        index.Put(Doc("mixed", tags: "keep"), [Chunk("mixed", 0, RandomUnit(random, 8)), Chunk("mixed", 1, query.Select(v => -v).ToArray())]);

        var hits = Flat(VectorIndex.Nearest(index.Snapshot("c"), query, 10, new ChunkFilter(AllTags: ["keep"]), Int8));

        Assert.Equal([("match", 1), ("match", 0), ("mixed", 1)], hits.Select(h => (h.Document, h.Chunk)));
        Assert.Equal(1f, hits[0].Cosine, 5);
        Assert.Equal(-1f, hits[2].Cosine, 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(384)]
    [InlineData(1000)]
    public void TheSimdDotEqualsTheScalarDot(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (short)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Vectors.Dot(a, b));
    }

    [Fact]
    public void QuantisationKeepsEachComponentWithinHalfAStep()
    {
        var vector = RandomUnit(new Random(6));
        var values = new sbyte[vector.Length];
        var scale = Int8Vectors.Quantize(vector, values);

        Assert.Equal(127, values.Max(v => Math.Abs((int)v)));
        for (var i = 0; i < vector.Length; i++) Assert.InRange(Math.Abs(vector[i] - values[i] * scale), 0, scale / 2 + 1e-6f);
    }
}
