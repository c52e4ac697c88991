using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>Search and chat in dense, lexical and hybrid mode through the HTTP API, on the real model.</summary>
public sealed class HybridSearchTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();

    // A part number is a keyword a sentence embedding barely sees; BM25 matches it exactly.
    private const string PartText = "Replacement pump assembly XR-7731-B ships with two gaskets and a torque chart.";

    private const string KoreanText = "검색 증강 생성은 외부 문서를 검색하여 언어 모델의 답변에 근거를 제공하는 기법이다.";

    private async Task<string> SeedAsync()
    {
        var collection = AppFixture.NewCollection();
        await _client.IngestAsync(new { id = "pump", text = PartText, collection });
        await _client.IngestAsync(new { id = "korean", text = KoreanText, collection });
        await _client.SeedMlflowCorpusAsync(collection);
        return collection;
    }

    private async Task<JsonElement> SearchAsync(object body) => await _client.PostJsonAsync("/api/search", body);

    [Fact]
    public async Task HybridIsTheDefaultAndSaysWhichRetrieversFoundEachChunk()
    {
        var collection = await SeedAsync();

        var response = await SearchAsync(new { query = "What is MLflow used for?", collection, minScore = -1 });

        Assert.Equal("hybrid", response.GetProperty("mode").GetString());
        var top = response.GetProperty("results")[0];
        Assert.Equal("mlflow", top.GetProperty("documentId").GetString());
        var scores = top.GetProperty("scores");
        Assert.Equal(1, scores.GetProperty("dense").GetProperty("rank").GetInt32());
        Assert.Equal(1, scores.GetProperty("lexical").GetProperty("rank").GetInt32());
        Assert.True(scores.GetProperty("fused").GetSingle() > 0);
        Assert.Equal(top.GetProperty("score").GetSingle(), scores.GetProperty("dense").GetProperty("score").GetSingle());
    }

    [Fact]
    public async Task LexicalModeFindsAnExactKeywordAndReportsItsBm25Score()
    {
        var collection = await SeedAsync();

        var response = await SearchAsync(new { query = "XR-7731-B", collection, mode = "lexical", minScore = -1 });

        Assert.Equal("lexical", response.GetProperty("mode").GetString());
        var results = response.GetProperty("results");
        Assert.Equal("pump", results[0].GetProperty("documentId").GetString());
        var scores = results[0].GetProperty("scores");
        Assert.False(scores.TryGetProperty("dense", out _));
        Assert.False(scores.TryGetProperty("fused", out _));
        Assert.True(scores.GetProperty("lexical").GetProperty("score").GetSingle() > 0);
        Assert.All(results.EnumerateArray(), r => Assert.True(r.TryGetProperty("score", out _)));
        Assert.Equal(1, results.GetArrayLength()); // no other chunk shares a term with the query
    }

    [Fact]
    public async Task DenseModeReportsOnlyTheDenseRetriever()
    {
        var collection = await SeedAsync();

        var response = await SearchAsync(new { query = "What is MLflow used for?", collection, mode = "dense" });

        var scores = response.GetProperty("results")[0].GetProperty("scores");
        Assert.True(scores.TryGetProperty("dense", out _));
        Assert.False(scores.TryGetProperty("lexical", out _));
    }

    [Fact]
    public async Task AKoreanQueryWithOtherParticlesFindsTheKoreanChunkLexically()
    {
        var collection = await SeedAsync();

        // The query's bare words match the text's words with particles and endings attached ("문서를", "검색하여", "기법이다").
        var response = await SearchAsync(new { query = "외부 문서 검색 기법", collection, mode = "lexical", minScore = -1 });

        Assert.Equal("korean", response.GetProperty("results")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task AKoreanQuestionIsRankedByBm25AloneUnlessTheRequestWeighsDense()
    {
        var collection = await SeedAsync();

        var byDefault = await SearchAsync(new { query = "외부 문서 검색 기법", collection, minScore = -1, topK = 10 });
        var weighed = await SearchAsync(new { query = "외부 문서 검색 기법", collection, minScore = -1, topK = 10, fusion = new { denseWeight = 1 } });

        // The English model's ranking of Korean text weighs nothing by default: chunks only it found score 0.
        var denseOnly = byDefault.GetProperty("results").EnumerateArray().Where(r => !r.GetProperty("scores").TryGetProperty("lexical", out _)).ToList();
        Assert.NotEmpty(denseOnly);
        Assert.All(denseOnly, r => Assert.Equal(0f, r.GetProperty("scores").GetProperty("fused").GetSingle()));
        Assert.All(weighed.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("scores").GetProperty("fused").GetSingle() > 0));
    }

    [Fact]
    public async Task FusionWeightsCanBeSetPerRequest()
    {
        var collection = await SeedAsync();

        var lexicalOnly = await SearchAsync(new { query = "pump XR-7731-B", collection, minScore = -1, topK = 20, fusion = new { denseWeight = 0, lexicalWeight = 1, k = 10 } });

        var results = lexicalOnly.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("pump", results[0].GetProperty("documentId").GetString());
        // With the dense weight at 0, chunks only the dense retriever found score 0 and come last.
        var denseOnly = results.Where(r => !r.GetProperty("scores").TryGetProperty("lexical", out _)).ToList();
        Assert.NotEmpty(denseOnly);
        Assert.All(denseOnly, r => Assert.Equal(0f, r.GetProperty("scores").GetProperty("fused").GetSingle()));
    }

    [Fact]
    public async Task ChatReportsTheModeAndEachSourcesRetrievers()
    {
        var collection = await SeedAsync();

        var events = await _client.StreamAsync(new { question = "What is MLflow?", collection, mode = "lexical" });

        var retrieval = events.First(e => e.Name == "retrieval").Data;
        Assert.Equal("lexical", retrieval.GetProperty("mode").GetString());
        Assert.True(retrieval.GetProperty("chunks")[0].GetProperty("scores").TryGetProperty("lexical", out _));
    }

    [Theory]
    [InlineData("""{"query":"x","mode":"semantic"}""", "mode")]
    [InlineData("""{"query":"x","fusion":{"k":0}}""", "fusion.k")]
    [InlineData("""{"query":"x","fusion":{"denseWeight":-1}}""", "fusion.denseWeight")]
    [InlineData("""{"query":"x","fusion":{"lexicalWeight":11}}""", "fusion.lexicalWeight")]
    public async Task BadModeOrFusionIsA400NamingTheField(string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.PostAsync("/api/search", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
