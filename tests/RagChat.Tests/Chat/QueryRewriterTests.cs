using Microsoft.Extensions.Logging.Abstractions;
using RagChat.Api.Chat;
using RagChat.Api.Chat.Retrieval;

namespace RagChat.Tests.Chat;

/// <summary>The heuristic used when no LLM is configured.</summary>
public sealed class QueryRewriterTests
{
    private static readonly QueryRewriter Heuristic = new(null, NullLogger<QueryRewriter>.Instance);
    private static readonly ChatTurn[] History = [new("user", "What is MLflow?"), new("assistant", "A tool [1].")];

    [Theory]
    [InlineData("what about its license?")]
    [InlineData("And the pricing?")]
    [InlineData("License?")]
    [InlineData("그것의 라이선스는?")]
    public async Task AFollowUpIsSearchedWithThePreviousQuestion(string followUp)
    {
        var query = await Heuristic.RewriteAsync(followUp, History, TestContext.Current.CancellationToken);

        Assert.True(query.Rewritten);
        Assert.Equal($"What is MLflow? {followUp}", query.Text);
    }

    [Theory]
    [InlineData("How does photosynthesis work?")]
    [InlineData("RAG의 장점은 무엇인가요?")]
    public async Task AStandaloneQuestionIsSearchedAsItIs(string question)
    {
        var query = await Heuristic.RewriteAsync(question, History, TestContext.Current.CancellationToken);

        Assert.False(query.Rewritten);
        Assert.Equal(question, query.Text);
    }

    [Fact]
    public async Task AFirstQuestionIsNeverRewritten()
    {
        var query = await Heuristic.RewriteAsync("what about it?", [], TestContext.Current.CancellationToken);

        Assert.False(query.Rewritten);
    }
}
