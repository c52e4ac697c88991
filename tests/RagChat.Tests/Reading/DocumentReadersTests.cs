using System.Text;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Tests.Reading;

/// <summary>Which reader a file gets: content where it has a signature, the extension for text.</summary>
public sealed class DocumentReadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DocumentReaders Readers = FileFixtures.AllReaders();

    [Theory]
    [InlineData("report.pdf", "pdf")]
    [InlineData("report.txt", "pdf")]
    [InlineData("report", "pdf")]
    public void APdfSignatureWinsOverTheName(string fileName, string format) =>
        Assert.Equal(format, Readers.Choose(FileFixtures.TwoPagePdf(), fileName).Format);

    [Fact]
    public void OfficeFilesAreToldApartByTheirZipEntries()
    {
        Assert.Equal("docx", Readers.Choose(OfficeFixtures.Docx(), "upload.bin.docx").Format);
        Assert.Equal("pptx", Readers.Choose(OfficeFixtures.Pptx([("T", "B")]), "slides.docx").Format);
        Assert.Equal("xlsx", Readers.Choose(OfficeFixtures.Xlsx(("S", [["a"]], false)), "sheet").Format);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page.txt", "html")]
    [InlineData("  <html><body>Hi</body></html>", "page", "html")]
    [InlineData("""[{"a": 1}]""", "data", "json")]
    [InlineData("""{"a": 1}""", "data.txt", "json")]
    [InlineData("{ not json", "data.txt", "txt")]
    [InlineData("<html>a page in a markdown file</html>", "notes.md", "md")]
    [InlineData("a,b\n1,2", "table.csv", "csv")]
    [InlineData("<!doctype html><title>Node</title>", "Node.js", "html")]
    [InlineData("""{"type": "FeatureCollection"}""", "map.geojson", "json")]
    public void TextFormatsAreChosenByExtensionAndHtmlOrJsonAlsoByContent(string text, string fileName, string format) =>
        Assert.Equal(format, Readers.Choose(Encoding.UTF8.GetBytes(text), fileName).Format);

    [Fact]
    public async Task EveryFormatYieldsItsKnownSentenceThroughTheDispatcher()
    {
        (byte[] Content, string FileName, string Sentence)[] files =
        [
            (FileFixtures.TwoPagePdf(), "a.pdf", FileFixtures.PageTwoSentence),
            (OfficeFixtures.Docx(), "a.docx", "Install the runtime before the first start."),
            (OfficeFixtures.Pptx([("Results", "Recall improved by ten points.")]), "a.pptx", "Recall improved by ten points."),
            (OfficeFixtures.Xlsx(("Prices", [["Product", "Price"], ["Pro plan", "25"]], false)), "a.xlsx", "Product: Pro plan; Price: 25"),
            (Encoding.UTF8.GetBytes("<html><body><p>Hello from HTML.</p></body></html>"), "a.html", "Hello from HTML."),
            (Encoding.UTF8.GetBytes("# T\n\nHello from Markdown."), "a.md", "Hello from Markdown."),
            (Encoding.UTF8.GetBytes("greeting\nHello from CSV"), "a.csv", "greeting: Hello from CSV"),
            (Encoding.UTF8.GetBytes("""[{"greeting": "Hello from JSON"}]"""), "a.json", "greeting: Hello from JSON"),
            (TextDecoderTests.EucKr("한국어 문장입니다."), "a.txt", "한국어 문장입니다."),
        ];

        foreach (var (content, fileName, sentence) in files)
            Assert.Contains(sentence, (await Readers.ReadAsync(content, fileName, Ct)).FullText);
    }
}
