using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using RagChat.Api.Embeddings;

namespace RagChat.Tests.Embeddings;

public sealed class OnnxEmbeddingGeneratorTests : IClassFixture<EmbeddingModelFixture>
{
    private readonly OnnxEmbeddingGenerator _generator;

    public OnnxEmbeddingGeneratorTests(EmbeddingModelFixture fixture) => _generator = fixture.Generator;

    [Fact]
    public async Task CosinesMatchTheSentenceTransformersReference()
    {
        var vectors = await _generator.EmbedManyAsync(
            ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."], TestContext.Current.CancellationToken);

        Assert.Equal(0.755, TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]), 0.01);
        Assert.Equal(0.247, TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]), 0.01);
    }

    [Fact]
    public async Task EmbeddingsAreUnitLengthWith384Dimensions()
    {
        var vector = await _generator.EmbedOneAsync("정규화된 벡터", TestContext.Current.CancellationToken);

        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, TensorPrimitives.Norm(vector), 1e-4);
    }

    [Fact]
    public async Task BatchingAndPaddingDoNotChangeAnEmbedding()
    {
        var alone = await _generator.EmbedOneAsync("short text", TestContext.Current.CancellationToken);
        var batched = await _generator.EmbedManyAsync(
            [string.Join(' ', Enumerable.Repeat("a much longer text that forces padding", 20)), "short text"], TestContext.Current.CancellationToken);

        Assert.Equal(1.0, TensorPrimitives.CosineSimilarity(alone, batched[1]), 1e-5);
    }

    [Fact]
    public async Task TextLongerThanTheWindowIsTruncatedNotRejected()
    {
        var longText = string.Join(' ', Enumerable.Repeat("tokens", 2000));
        var vector = await _generator.EmbedOneAsync(longText, TestContext.Current.CancellationToken);

        Assert.Equal(384, vector.Length);
        Assert.True(_generator.Tokenizer.EncodeForModel(longText, 256).Count <= 256);
    }
}

public sealed class EmbeddingModelFixture : IDisposable
{
    public OnnxEmbeddingGenerator Generator { get; } = new(Options.Create(new EmbeddingOptions()));

    public void Dispose() => Generator.Dispose();
}
