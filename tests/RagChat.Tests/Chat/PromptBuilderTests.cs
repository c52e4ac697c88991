using RagChat.Api.Chat;
using RagChat.Api.Chat.Augmentation;
using RagChat.Api.VectorStore;
using Microsoft.SemanticKernel.ChatCompletion;

namespace RagChat.Tests.Chat;

public sealed class PromptBuilderTests
{
    private static ChunkHit Hit(string id, string title, string text, int? page = null) => new($"{id}#0", id, 0, title, null, page, text, [], 0.7f);

    [Fact]
    public async Task SourcesAreNumberedInRankOrderInTheSystemMessage()
    {
        var sources = NumberedSource.Number([Hit("a", "Alpha", "First text."), Hit("b", "Beta", "Second <text> & \"quotes\".", page: 4)]);

        var chat = await new PromptBuilder().BuildAsync("Question?", [], sources, TestContext.Current.CancellationToken);

        var system = chat[0].Content!;
        Assert.Equal(AuthorRole.System, chat[0].Role);
        Assert.Contains("[1] Alpha\nFirst text.", system);
        Assert.Contains("[2] Beta, page 4\nSecond <text> & \"quotes\".", system);
        Assert.True(system.IndexOf("[1]", StringComparison.Ordinal) < system.IndexOf("[2]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRulesAskForCitationsAndAPlainNoAnswer()
    {
        var chat = await new PromptBuilder().BuildAsync("Q", [], NumberedSource.Number([Hit("a", "A", "t")]), TestContext.Current.CancellationToken);

        Assert.Contains("only the numbered sources", chat[0].Content);
        Assert.Contains("square brackets", chat[0].Content);
        Assert.Contains("do not contain the answer", chat[0].Content);
    }

    [Fact]
    public async Task EarlierTurnsComeBetweenTheSystemMessageAndTheQuestion()
    {
        ChatTurn[] history = [new("user", "What is MLflow?"), new("assistant", "A tool [1].")];

        var chat = await new PromptBuilder().BuildAsync("And its license?", history, NumberedSource.Number([Hit("a", "A", "t")]), TestContext.Current.CancellationToken);

        Assert.Equal([AuthorRole.System, AuthorRole.User, AuthorRole.Assistant, AuthorRole.User], chat.Select(m => m.Role));
        Assert.Equal("And its license?", chat[^1].Content);
    }

    [Fact]
    public async Task AnOperatorTemplateCanReplaceTheDefault()
    {
        var builder = new PromptBuilder("Answer briefly.\n{{$sources}}");

        var chat = await builder.BuildAsync("Q", [], NumberedSource.Number([Hit("a", "A", "text")]), TestContext.Current.CancellationToken);

        Assert.Equal("Answer briefly.\n[1] A\ntext", chat[0].Content);
    }
}
