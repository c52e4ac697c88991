using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Attention;

public sealed class AttentionEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<XDocument> SvgAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("image/svg+xml");
        using var response = await _client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)); // throws unless well-formed
    }

    private static IEnumerable<XElement> Cells(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "rect" && (string?)e.Attribute("class") == "cell");

    [Fact]
    public async Task SelfAttentionOfKoreanTextHasKoreanLabelsAndTheRequestedSlice()
    {
        var result = await _client.PostJsonAsync("/api/attention/self", new { text = "어텐션은 단어에 집중합니다.", layer = 2, head = 5 });

        var tokens = result.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()).ToList();
        var labels = result.GetProperty("labels").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal("[CLS]", tokens[0]);
        Assert.Equal("[SEP]", tokens[^1]);
        Assert.DoesNotContain("[UNK]", tokens);
        Assert.Contains("어", labels);
        var attention = result.GetProperty("attention");
        Assert.Equal(1, attention.GetArrayLength());
        Assert.Equal(1, attention[0].GetArrayLength());
        Assert.Equal(tokens.Count, attention[0][0].GetArrayLength());
        Assert.Equal([2], result.GetProperty("layerIndexes").EnumerateArray().Select(i => i.GetInt32()));
    }

    [Fact]
    public async Task WithoutASliceEveryLayerAndHeadIsReturned()
    {
        var result = await _client.PostJsonAsync("/api/attention/self", new { text = "Hello world." });

        Assert.Equal(6, result.GetProperty("attention").GetArrayLength());
        Assert.Equal(12, result.GetProperty("attention")[5].GetArrayLength());
    }

    [Fact]
    public async Task TheSelfAttentionPictureHasOneCellPerTokenPair()
    {
        var svg = await SvgAsync("/api/attention/self", new { text = "The cat sat on the mat.", layer = 1, head = 3 });

        var tokens = 9; // [CLS] the cat sat on the mat . [SEP]
        Assert.Equal(tokens * tokens, Cells(svg).Count());
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("layer 1, head 3"));
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "legend");
    }

    [Fact]
    public async Task TheAllHeadsPictureIsAGridOfTwelvePanels()
    {
        var svg = await SvgAsync("/api/attention/self?format=svg", new { text = "Hi there." });

        var panels = svg.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "panel").ToList();
        Assert.Equal(12, panels.Count);
        Assert.Equal(12 * 5 * 5, Cells(svg).Count());
    }

    [Fact]
    public async Task TheQuestionAttendsMostToTheSourceWordsItAsksAbout()
    {
        var result = await _client.PostJsonAsync("/api/attention/cross", new { query = "What is MLflow?", text = Fixtures.MlflowText });

        var source = result.GetProperty("sourceTokens").EnumerateArray().ToList();
        Assert.Equal(1.0, source.Sum(t => t.GetProperty("weight").GetDouble()), 1e-3);
        var top = source.OrderByDescending(t => t.GetProperty("weight").GetDouble()).First();
        Assert.Equal("MLflow", Fixtures.MlflowText.Substring(0, 6));
        Assert.InRange(top.GetProperty("start").GetInt32(), 0, 5); // a piece of the leading "MLflow"
        var weights = result.GetProperty("weights");
        Assert.Equal(result.GetProperty("queryTokens").GetArrayLength(), weights.GetArrayLength());
        Assert.All(weights.EnumerateArray(), row => Assert.Equal(1.0, row.EnumerateArray().Sum(w => w.GetDouble()), 1e-3));
    }

    [Fact]
    public async Task TheCrossAttentionPictureHasOneCellPerTokenPair()
    {
        var svg = await SvgAsync("/api/attention/cross", new { query = "장점은?", text = "RAG의 장점은 신뢰도입니다." });
        var json = await _client.PostJsonAsync("/api/attention/cross", new { query = "장점은?", text = "RAG의 장점은 신뢰도입니다." });

        Assert.Equal(json.GetProperty("queryTokens").GetArrayLength() * json.GetProperty("sourceTokens").GetArrayLength(), Cells(svg).Count());
    }

    [Theory]
    [InlineData("{\"text\":\"\"}", "text")]
    [InlineData("{\"text\":\"hello\",\"layer\":6}", "layer")]
    [InlineData("{\"text\":\"hello\",\"head\":12}", "head")]
    [InlineData("{\"text\":\"hello\",\"layer\":-1}", "layer")]
    public async Task BadSelfAttentionRequestsAre400(string body, string field)
    {
        var response = await _client.PostAsync("/api/attention/self", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task TextOverTheModelsWindowIs400NotTruncated()
    {
        var problem = await _client.PostJsonAsync("/api/attention/cross", new { query = "q", text = string.Join(' ', Enumerable.Repeat("word", 300)) }, 400);

        Assert.Contains("at most 256", problem.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task ExplainedCitationsCarryTheSpansTheQuestionAttendsTo()
    {
        var collection = AppFixture.NewCollection();
        await _client.IngestAsync(new { id = "mlflow", text = Fixtures.MlflowText, collection });

        var explained = await _client.PostJsonAsync("/api/chat", new { question = "What is MLflow?", collection, explain = true });
        var plain = await _client.PostJsonAsync("/api/chat", new { question = "What is MLflow?", collection });

        var highlights = explained.GetProperty("citations")[0].GetProperty("highlights").EnumerateArray().ToList();
        Assert.InRange(highlights.Count, 1, 3);
        Assert.All(highlights, h => Assert.Equal(h.GetProperty("text").GetString(),
            Fixtures.MlflowText.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())));
        Assert.Contains(highlights, h => h.GetProperty("text").GetString() == "MLflow");
        Assert.False(plain.GetProperty("citations")[0].TryGetProperty("highlights", out _));
    }
}
