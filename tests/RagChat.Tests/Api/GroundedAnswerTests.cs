using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>Budget, citations, no-answer, follow-ups and usage, through the LLM path against the stub.</summary>
public sealed class GroundedAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManyLongChunksArePackedIntoTheContextBudgetWithStableNumbers()
    {
        await using var app = await LlmTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Llm:ContextTokens"] = "1200", ["Llm:MaxOutputTokens"] = "200", ["Llm:Tokenizer"] = "o200k_base",
            ["Ingestion:ChunkTokens"] = "200", ["Ingestion:OverlapTokens"] = "0",
        });
        for (var i = 0; i < 12; i++)
            await app.Client.IngestAsync(new { id = $"long-{i}", text = string.Join(" ", Enumerable.Repeat($"MLflow note {i} describes experiment tracking and model registry features in detail.", 14)) });

        var events = await app.Client.StreamAsync(new { question = "What does MLflow track?", topK = 12, minScore = -1 });

        var offered = events[0].Data.GetProperty("chunks").EnumerateArray().ToList();
        Assert.InRange(offered.Count, 1, 11); // some, not all, of the 12 retrieved
        Assert.Equal(Enumerable.Range(1, offered.Count), offered.Select(c => c.GetProperty("n").GetInt32()));
        var request = app.Stub.Requests.Single();
        var o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var promptTokens = request.GetProperty("messages").EnumerateArray().Sum(m => o200k.CountTokens(m.GetProperty("content").GetString()!) + 4);
        Assert.True(promptTokens + 200 <= 1200, $"prompt of {promptTokens} tokens leaves no room for the answer");
        var system = request.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.Contains($"[{offered.Count}] ", system);
        Assert.DoesNotContain($"[{offered.Count + 1}] ", system);
    }

    [Fact]
    public async Task ExactDuplicateChunksAreOfferedOnce()
    {
        await using var app = await LlmTestApp.StartAsync();
        await app.Client.IngestAsync(new { id = "copy-a", text = Fixtures.MlflowText });
        await app.Client.IngestAsync(new { id = "copy-b", text = Fixtures.MlflowText });

        var answer = await app.Client.PostJsonAsync("/api/chat", new { question = "What is MLflow?" });

        Assert.Single(answer.GetProperty("sources").EnumerateArray());
    }

    [Fact]
    public async Task ValidRepeatedAndInventedMarkersAreCheckedAsTheyStream()
    {
        await using var app = await LlmTestApp.StartAsync();
        await app.Client.SeedMlflowCorpusAsync();
        app.Stub.Pieces = ["MLflow manages models [1]. ", "It tracks runs [1][", "9]. Paris [2]."];

        var events = await app.Client.StreamAsync(new { question = "What is MLflow?", minScore = -1, topK = 2 });

        var citations = events.Where(e => e.Name == "citation").Select(e => e.Data.GetProperty("n").GetInt32()).ToList();
        Assert.Equal([1, 2], citations);
        var done = events[^1].Data;
        Assert.Equal(1, done.GetProperty("invalidCitations").GetInt32());
        Assert.Equal([1, 2], done.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("n").GetInt32()));
        var first = events.First(e => e.Name == "citation").Data;
        Assert.Equal("mlflow#0", first.GetProperty("chunkId").GetString());
        Assert.Equal(Fixtures.MlflowText, first.GetProperty("quote").GetString());
    }

    [Fact]
    public async Task NothingOverTheThresholdAnswersWithoutCallingTheModel()
    {
        await using var app = await LlmTestApp.StartAsync();
        await app.Client.SeedMlflowCorpusAsync();

        var answer = await app.Client.PostJsonAsync("/api/chat", new { question = "How do I bake sourdough?", minScore = 0.9 });

        Assert.True(answer.GetProperty("noAnswer").GetBoolean());
        Assert.True(answer.GetProperty("bestScores").GetArrayLength() > 0);
        Assert.Empty(app.Stub.Requests);
    }

    [Fact]
    public async Task AModelThatSaysTheSourcesLackTheAnswerMarksNoAnswer()
    {
        await using var app = await LlmTestApp.StartAsync();
        await app.Client.SeedMlflowCorpusAsync();
        app.Stub.Pieces = ["The sources do not contain the answer."];

        var answer = await app.Client.PostJsonAsync("/api/chat", new { question = "Who founded MLflow?" });

        Assert.True(answer.GetProperty("noAnswer").GetBoolean());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task AFollowUpIsRewrittenByTheModelIntoAStandaloneQuery()
    {
        await using var app = await LlmTestApp.StartAsync();
        await app.Client.SeedMlflowCorpusAsync();
        app.Stub.CompletionReply = "MLflow license";

        var events = await app.Client.StreamAsync(new
        {
            messages = new[]
            {
                new { role = "user", content = "What is MLflow?" },
                new { role = "assistant", content = "MLflow is a tool for managing the ML lifecycle [1]." },
                new { role = "user", content = "what about its license?" },
            },
        });

        Assert.Equal("MLflow license", events[0].Data.GetProperty("query").GetString());
        Assert.True(events[0].Data.GetProperty("rewritten").GetBoolean());
        var rewriteRequest = app.Stub.Requests.First();
        Assert.Contains("what about its license?", rewriteRequest.GetProperty("messages")[1].GetProperty("content").GetString());
        var answerRequest = app.Stub.Requests.Last().GetProperty("messages");
        Assert.Equal("what about its license?", answerRequest[answerRequest.GetArrayLength() - 1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task HistoryIsTrimmedToItsBudgetOldestFirst()
    {
        await using var app = await LlmTestApp.StartAsync(new Dictionary<string, string?> { ["Llm:HistoryTokens"] = "60" });
        await app.Client.SeedMlflowCorpusAsync();
        app.Stub.CompletionReply = "What is MLflow?";
        var turns = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            new { role = "user", content = $"Old question number {i} about something else entirely, with padding words." },
            new { role = "assistant", content = $"Old answer number {i}, also padded with a few more words." },
        }).Append(new { role = "user", content = "What is MLflow?" }).ToArray();

        await app.Client.PostJsonAsync("/api/chat", new { messages = turns });

        var sent = app.Stub.Requests.Last().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()!).ToList();
        Assert.True(sent.Count is >= 3 and <= 6, string.Join(" || ", sent)); // system + the newest turns that fit + the question
        Assert.Contains("number 9", sent[^2]);
        Assert.DoesNotContain(sent, m => m.Contains("number 0"));
    }

    [Fact]
    public async Task UsageReportsTokensAndTimings()
    {
        await using var app = await LlmTestApp.StartAsync();
        await app.Client.SeedMlflowCorpusAsync();

        var events = await app.Client.StreamAsync(new { question = "What is MLflow?" });

        var usage = events.Single(e => e.Name == "usage").Data;
        Assert.True(usage.GetProperty("promptTokens").GetInt32() > 10);
        Assert.True(usage.GetProperty("completionTokens").GetInt32() > 0);
        Assert.True(usage.GetProperty("timeToFirstTokenMs").GetInt64() >= 0);
        Assert.True(usage.GetProperty("generationMs").GetInt64() >= usage.GetProperty("timeToFirstTokenMs").GetInt64());
    }

    [Fact]
    public async Task LongGapsInTheStreamGetKeepAliveComments()
    {
        await using var app = await LlmTestApp.StartAsync(new Dictionary<string, string?> { ["Streaming:KeepAliveSeconds"] = "1" });
        await app.Client.SeedMlflowCorpusAsync();
        app.Stub.Mode = OpenAiStubServer.Behaviour.PauseAfterFirstPiece;

        var response = await app.Client.PostAsJsonAsync("/api/chat/stream", new { question = "What is MLflow?" }, Ct);
        var raw = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("\n: keep-alive\n", "\n" + raw);
        Assert.Contains("event: done", raw);
    }
}
