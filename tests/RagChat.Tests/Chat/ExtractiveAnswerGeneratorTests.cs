using RagChat.Api.Chat.Augmentation;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Embeddings;
using RagChat.Api.VectorStore;
using RagChat.Tests.Embeddings;

namespace RagChat.Tests.Chat;

public sealed class ExtractiveAnswerGeneratorTests(EmbeddingModelFixture model) : IClassFixture<EmbeddingModelFixture>
{
    private async Task<string> AnswerAsync(string question, params string[] chunks)
    {
        var sources = NumberedSource.Number(chunks.Select((t, i) => new ChunkHit($"d{i}#0", $"d{i}", 0, $"D{i}", null, null, t, [], 0.5f)));
        var vector = await model.Generator.EmbedOneAsync(question, TestContext.Current.CancellationToken);
        var generator = new ExtractiveAnswerGenerator(model.Generator);
        var pieces = new List<string>();
        await foreach (var piece in generator.GenerateAsync(new AnswerContext(question, [], sources, vector), TestContext.Current.CancellationToken))
            pieces.Add(piece.Text);
        Assert.True(pieces.Count > 1, "the answer is streamed in pieces");
        return string.Concat(pieces);
    }

    [Fact]
    public async Task QuotesTheBestMatchingSentenceWithItsSourceNumber()
    {
        var answer = await AnswerAsync("What is MLflow?",
            "Paris is the capital of France. The Seine runs through it.",
            "Our team uses many tools. MLflow is a tool for managing the ML lifecycle. Lunch is at noon.");

        Assert.StartsWith("MLflow is a tool for managing the ML lifecycle. [2]", answer);
        Assert.DoesNotContain("Lunch", answer);
        Assert.DoesNotContain("Paris", answer);
    }

    [Fact]
    public async Task AnswersAKoreanQuestionFromKoreanSentences()
    {
        var answer = await AnswerAsync("RAG의 장점은 무엇인가요?",
            "어텐션은 중요한 단어에 집중합니다. 셀프 어텐션은 단어 사이의 관계를 계산합니다.",
            "RAG는 문서를 검색해 답을 만듭니다. RAG의 장점은 근거에 기반한 답변이라 신뢰도가 높다는 것입니다.");

        Assert.StartsWith("RAG의 장점은 근거에 기반한 답변이라 신뢰도가 높다는 것입니다. [2]", answer);
        Assert.DoesNotContain("어텐션", answer); // same language, same topic, but shares no term with the question
    }

    [Fact]
    public async Task SkipsHeadingsAndMarkdownDecoration()
    {
        var answer = await AnswerAsync("What does MLflow track?", "## MLflow\n*   **Tracking**: MLflow records parameters and metrics of runs.");

        Assert.StartsWith("Tracking: MLflow records parameters and metrics of runs. [1]", answer);
    }
}
