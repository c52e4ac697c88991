using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

public sealed class ChatEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<string> SeedAsync()
    {
        var collection = AppFixture.NewCollection();
        await _client.SeedMlflowCorpusAsync(collection);
        return collection;
    }

    [Fact]
    public async Task SearchRanksTheMatchingDocumentFirst()
    {
        var collection = await SeedAsync();

        var result = await _client.PostJsonAsync("/api/search", new { query = "What is MLflow?", collection });

        var results = result.GetProperty("results");
        Assert.Equal("mlflow", results[0].GetProperty("documentId").GetString());
        Assert.True(results[0].GetProperty("score").GetSingle() > 0.5f);
        Assert.All(results.EnumerateArray().Skip(1), r => Assert.True(r.GetProperty("score").GetSingle() < results[0].GetProperty("score").GetSingle()));
    }

    [Fact]
    public async Task ChatAnswersWithACitationOfTheMatchingDocument()
    {
        var collection = await SeedAsync();

        var answer = await _client.PostJsonAsync("/api/chat", new { question = "What is MLflow?", collection });

        Assert.Equal("extractive", answer.GetProperty("generator").GetString());
        Assert.False(answer.GetProperty("noAnswer").GetBoolean());
        Assert.Contains("managing the ML lifecycle", answer.GetProperty("answer").GetString());
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal("mlflow", citation.GetProperty("documentId").GetString());
        Assert.Equal("mlflow#0", citation.GetProperty("chunkId").GetString());
        Assert.Contains("[1]", answer.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task StreamSendsRetrievalThenDeltasThenCitationThenDone()
    {
        var collection = await SeedAsync();

        var events = await _client.StreamAsync(new { question = "What is MLflow?", collection });

        var names = events.Select(e => e.Name).ToList();
        Assert.Equal("retrieval", names[0]);
        Assert.Equal("done", names[^1]);
        Assert.Equal("usage", names[^2]);
        Assert.True(names.IndexOf("delta") > 0 && names.IndexOf("delta") < names.IndexOf("citation"));
        Assert.Equal("mlflow", events.Single(e => e.Name == "citation").Data.GetProperty("documentId").GetString());

        var streamed = string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        var done = events[^1].Data;
        Assert.Equal(streamed.Trim(), done.GetProperty("answer").GetString());
        Assert.Equal("extractive", done.GetProperty("generator").GetString());
        Assert.Equal("mlflow", done.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task KoreanQuestionOverKoreanNoteCitesTheNote()
    {
        var collection = AppFixture.NewCollection();
        await _client.IngestAsync(new { id = "attention-note", title = "어텐션과 RAG", text = Fixtures.KoreanNote, collection });
        await _client.IngestAsync(new { id = "mlflow", text = Fixtures.MlflowText, collection });
        await _client.IngestAsync(new { id = "paris", text = Fixtures.Unrelated[0], collection });

        var events = await _client.StreamAsync(new { question = "RAG의 장점은 무엇인가요?", collection });

        var done = events[^1];
        Assert.Equal("done", done.Name);
        Assert.False(done.Data.GetProperty("noAnswer").GetBoolean());
        Assert.All(done.Data.GetProperty("citations").EnumerateArray(), c => Assert.Equal("attention-note", c.GetProperty("documentId").GetString()));
        Assert.Contains("신뢰도", done.Data.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task NothingRelevantGivesNoAnswerWithoutInventingOne()
    {
        var collection = await SeedAsync();

        var answer = await _client.PostJsonAsync("/api/chat", new { question = "How do I bake sourdough bread?", collection, minScore = 0.6 });

        Assert.True(answer.GetProperty("noAnswer").GetBoolean());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
        Assert.Contains("best scored", answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task MessagesFormUsesTheLastUserTurnAsTheQuestion()
    {
        var collection = await SeedAsync();

        var answer = await _client.PostJsonAsync("/api/chat", new
        {
            collection,
            messages = new[] { new { role = "user", content = "Hello" }, new { role = "assistant", content = "Hi!" }, new { role = "user", content = "What is MLflow?" } },
        });

        Assert.Equal("What is MLflow?", answer.GetProperty("query").GetString());
        Assert.Equal("mlflow", answer.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task TagFilterRestrictsSearchToTaggedDocuments()
    {
        var collection = AppFixture.NewCollection();
        await _client.IngestAsync(new { id = "a", text = Fixtures.MlflowText, tags = new[] { "team:ml" }, collection });
        await _client.IngestAsync(new { id = "b", text = "MLflow tracks experiments, models and runs.", tags = new[] { "team:ops" }, collection });

        var result = await _client.PostJsonAsync("/api/search", new { query = "MLflow", collection, minScore = -1, filter = new { tags = new[] { "team:ops" } } });

        var only = Assert.Single(result.GetProperty("results").EnumerateArray());
        Assert.Equal("b", only.GetProperty("documentId").GetString());
    }
}
