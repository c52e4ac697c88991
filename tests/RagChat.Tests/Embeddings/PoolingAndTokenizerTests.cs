using System.Numerics.Tensors;
using RagChat.Api.Embeddings;

namespace RagChat.Tests.Embeddings;

public sealed class PoolingAndTokenizerTests(EmbeddingModelFixture model) : IClassFixture<EmbeddingModelFixture>
{
    [Fact]
    public void MeanPoolingIgnoresPaddedPositionsAndNormalises()
    {
        float[] hidden = [1, 0, 3, 0, 100, 100]; // three tokens of two dimensions; the last is padding
        long[] mask = [1, 1, 0];

        var pooled = MeanPooling.Pool(hidden, mask, 2);

        Assert.Equal(1f, TensorPrimitives.Norm(pooled), 1e-6);
        Assert.Equal(1f, pooled[0], 1e-6); // mean (2, 0) normalised, padding's (100, 100) ignored
        Assert.Equal(0f, pooled[1], 1e-6);
    }

    [Fact]
    public void AZeroVectorStaysZeroInsteadOfNaN()
    {
        var pooled = MeanPooling.Pool(new float[4], [1, 1], 2);
        Assert.All(pooled, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void KoreanBecomesJamoWordPiecesNotUnknown()
    {
        var tokens = model.Generator.Tokenizer.Tokens("장점");

        Assert.Equal(["ᄌ", "##ᅡ", "##ᆼ", "##ᄌ", "##ᅥ", "##ᆷ"], tokens);
    }

    [Fact]
    public void BasicTokenizationLowercasesStripsAccentsAndSplitsPunctuation()
    {
        Assert.Equal(["cafe", ",", "don", "'", "t", "!"], model.Generator.Tokenizer.Tokens("Café, don't!"));
    }

    [Fact]
    public async Task KoreanTextIsCloserToKoreanTextOnTheSameTopic()
    {
        var vectors = await model.Generator.EmbedManyAsync(
            ["RAG의 장점은 무엇인가요?", "RAG의 장점은 근거에 기반한 답변입니다.", "주식 시장이 화요일에 크게 떨어졌다."], TestContext.Current.CancellationToken);

        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]) > TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]));
    }
}
