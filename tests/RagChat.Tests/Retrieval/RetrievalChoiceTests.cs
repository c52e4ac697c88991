using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Common;

namespace RagChat.Tests.Retrieval;

public sealed class RetrievalChoiceTests
{
    private static readonly RetrievalOptions Defaults = new() { Fusion = { K = 60, DenseWeight = 1, LexicalWeight = 1, HangulDenseWeight = 0.25f } };

    [Theory]
    [InlineData("What is RAG?", 1f)]
    [InlineData("RAG의 장점은 무엇인가요?", 0.25f)]
    [InlineData("Transformer 모델에서 attention은 무엇인가?", 0.25f)]
    [InlineData("What does 문서 mean in this context?", 1f)]
    public void AMostlyHangulQuestionGetsTheHangulDenseWeight(string query, float denseWeight) =>
        Assert.Equal(denseWeight, RetrievalChoice.Fusion(null, Defaults, query).DenseWeight);

    [Fact]
    public void TheRequestsDenseWeightWinsForEveryLanguage() =>
        Assert.Equal(0.5f, RetrievalChoice.Fusion(new FusionRequest(null, 0.5f, null), Defaults, "RAG의 장점").DenseWeight);

    [Fact]
    public void HangulIsCountedAgainstOtherLetters()
    {
        Assert.True(TextTerms.IsMostlyHangul("검색 증강 생성"));
        Assert.False(TextTerms.IsMostlyHangul("retrieval 검색"));
        Assert.False(TextTerms.IsMostlyHangul("1234 ?!"));
    }
}
