using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagChat.Tests.Infrastructure;
using RagChat.Tests.Reading;

namespace RagChat.Tests.Api;

/// <summary>
/// Each supported format goes in through the upload endpoint and a known sentence of it comes back
/// through search, with the page or heading it stands under.
/// </summary>
public sealed class FormatIngestionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> UploadAndFindAsync(string fileName, byte[] content, string query, string expectedText)
    {
        var collection = AppFixture.NewCollection();
        var response = await _client.UploadAsync(fileName, content, collection);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{fileName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");

        var search = await _client.PostJsonAsync("/api/search", new { query, collection, minScore = -1, topK = 10 });
        var hit = search.GetProperty("results").EnumerateArray().FirstOrDefault(h => h.GetProperty("text").GetString()!.Contains(expectedText));
        Assert.True(hit.ValueKind == JsonValueKind.Object, $"{fileName}: no chunk holds '{expectedText}'. Results: {search}");
        Assert.Equal(search.GetProperty("results")[0].GetProperty("chunkId").GetString(), hit.GetProperty("chunkId").GetString());
        return hit;
    }

    private static string? Heading(JsonElement hit) => hit.TryGetProperty("heading", out var h) ? h.GetString() : null;

    [Fact]
    public async Task APdfSentenceIsFoundWithItsPage()
    {
        var hit = await UploadAndFindAsync("notes.pdf", FileFixtures.TwoPagePdf(), "Which step finds the passages that answer the question?", "retrieval step finds the passages");

        Assert.Equal(2, hit.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task ADocxSentenceIsFoundUnderItsHeadingPath()
    {
        var hit = await UploadAndFindAsync("guide.docx", OfficeFixtures.Docx(), "What must be installed before the first start?", "Install the runtime before the first start.");

        Assert.EndsWith("Intro > Setup", Heading(hit));
    }

    [Fact]
    public async Task APptxSlideIsFoundWithItsNumberAndTitle()
    {
        var deck = OfficeFixtures.Pptx([("Welcome", "Hello everyone."), ("Secret", "Hidden draft."), ("Results", "Accuracy rose to ninety percent after reranking.")], hidden: 2);

        var hit = await UploadAndFindAsync("deck.pptx", deck, "How much did accuracy rise after reranking?", "Accuracy rose to ninety percent");

        Assert.Equal(3, hit.GetProperty("page").GetInt32());
        Assert.Equal("Results", Heading(hit));
    }

    [Fact]
    public async Task AnXlsxRowIsFoundWithItsSheet()
    {
        var book = OfficeFixtures.Xlsx(("Prices", [["Product", "Price"], ["Espresso machine", "349 euros"], ["Grinder", "99 euros"]], false));

        var hit = await UploadAndFindAsync("prices.xlsx", book, "How much is the espresso machine?", "Espresso machine");

        Assert.Contains("Prices", Heading(hit));
        Assert.Contains("349 euros", hit.GetProperty("text").GetString());
    }

    [Fact]
    public async Task HtmlMainTextIsFoundWithoutTheChrome()
    {
        const string html = """
            <!doctype html><html><head><title>Pump manual</title><script>var tracking = 1;</script></head>
            <body><nav>Home | Products | Contact</nav><main><h1>Maintenance</h1><p>Clean the pump filter every three months.</p></main>
            <footer>Copyright</footer></body></html>
            """;

        var hit = await UploadAndFindAsync("manual.html", Encoding.UTF8.GetBytes(html), "How often should the pump filter be cleaned?", "Clean the pump filter every three months.");

        Assert.DoesNotContain("tracking", hit.GetProperty("text").GetString());
        Assert.DoesNotContain("Products", hit.GetProperty("text").GetString());
        Assert.Equal("Pump manual", hit.GetProperty("title").GetString());
    }

    [Fact]
    public async Task MarkdownChunksKeepTheirHeadingPath()
    {
        const string markdown = "# Guide\n\n## Setup\n\n### Docker\n\nRun docker compose up to start Qdrant and the API.\n\n## Usage\n\nAsk questions.";

        var hit = await UploadAndFindAsync("guide.md", Encoding.UTF8.GetBytes(markdown), "How do I start Qdrant and the API?", "docker compose up");

        Assert.EndsWith("Setup > Docker", Heading(hit));
    }

    [Fact]
    public async Task ACsvRecordIsFoundWithItsColumns()
    {
        const string csv = "city,country,note\nLyon,France,\"Known for food, silk and its old town\"\nOsaka,Japan,Street food capital\n";

        var hit = await UploadAndFindAsync("cities.csv", Encoding.UTF8.GetBytes(csv), "Which city is known for silk?", "Lyon");

        Assert.Contains("note: Known for food, silk and its old town", hit.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AJsonRecordIsFoundWithItsKeys()
    {
        const string json = """[{"name":"Ada","role":"engineer","team":{"name":"search"}},{"name":"Lin","role":"designer","team":{"name":"apps"}}]""";

        var hit = await UploadAndFindAsync("people.json", Encoding.UTF8.GetBytes(json), "Who works on the search team?", "Ada");

        Assert.Contains("team.name: search", hit.GetProperty("text").GetString());
    }

    [Fact]
    public async Task EucKrTextIsDecodedAndFound()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(949).GetBytes("어텐션은 중요한 단어에 집중합니다.\n\nRAG는 검색한 문서를 근거로 답변을 생성합니다.");

        var hit = await UploadAndFindAsync("korean.txt", bytes, "RAG는 무엇을 근거로 답변하나요?", "검색한 문서를 근거로");

        Assert.Contains("답변을 생성합니다", hit.GetProperty("text").GetString());
    }
}
