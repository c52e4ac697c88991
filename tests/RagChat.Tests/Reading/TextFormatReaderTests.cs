using System.Text;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Tests.Reading;

public sealed class TextFormatReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task HtmlKeepsTheMainTextAndDropsScriptsStylesAndNavigation()
    {
        const string html = """
            <!DOCTYPE html><html><head><title>Install guide</title><style>body { color: red }</style></head>
            <body>
              <header><a href="/">Home</a> <a href="/blog">Blog</a></header>
              <nav><ul><li>Menu item</li></ul></nav>
              <script>trackVisitor("secret-token");</script>
              <main>
                <h1>Install</h1><p>Download the   installer <b>first</b>.</p>
                <h2>Docker</h2><p>Run the container with one command.</p>
                <ul><li>Pull the image</li><li>Start it</li></ul>
                <table><tr><th>Port</th><th>Use</th></tr><tr><td>8080</td><td>API</td></tr></table>
                <noscript>Enable JavaScript</noscript>
              </main>
              <footer>Copyright notice</footer>
            </body></html>
            """;

        var document = await new HtmlReader().ReadAsync(Utf8(html), "guide.html", Ct);

        Assert.Equal("Install guide", document.Title);
        Assert.Equal(["Install", "Install > Docker"], document.Sections.Select(s => s.HeadingPath));
        Assert.Equal("Install\n\nDownload the installer first.", document.Sections[0].Text);
        Assert.Equal("Docker\n\nRun the container with one command.\n- Pull the image\n- Start it\nPort | Use\n8080 | API", document.Sections[1].Text);
        var all = document.FullText;
        foreach (var noise in new[] { "Home", "Menu item", "secret-token", "color: red", "Enable JavaScript", "Copyright" })
            Assert.DoesNotContain(noise, all);
    }

    [Fact]
    public async Task HtmlWithoutMainReadsTheBodyAndKeepsAnArticleHeader()
    {
        const string html = "<html><body><nav>Skip me</nav><article><header><h1>Release 2.0</h1></header><p>Faster search.</p></article><article><p>Second post.</p></article></body></html>";

        var document = await new HtmlReader().ReadAsync(Utf8(html), "blog.htm", Ct);

        Assert.Equal("Release 2.0", document.Title);
        Assert.Equal("Release 2.0\n\nFaster search.\n\nSecond post.", document.FullText);
    }

    [Fact]
    public async Task TenThousandNestedDivsAreReadWithoutOverflowingTheStack()
    {
        var document = await new HtmlReader().ReadAsync(Utf8(FileFixtures.DeeplyNestedHtml(10_000)), "deep.html", Ct);

        Assert.Equal("The bottom of the page.", document.FullText);
        Assert.Equal("Deep", document.Title);
    }

    [Fact]
    public async Task AnHtmlPageInALegacyCharsetIsDecodedByItsMetaCharset()
    {
        var html = Encoding.Latin1.GetBytes("<html><head><meta charset=\"windows-1252\"><title>Café</title></head><body><p>Crème brûlée.</p></body></html>");

        var document = await new HtmlReader().ReadAsync(html, "menu.html", Ct);

        Assert.Equal("Café", document.Title);
        Assert.Equal("Crème brûlée.", document.FullText);
    }

    [Fact]
    public async Task MarkdownSectionsCarryTheirHeadingPathAndDropFrontMatter()
    {
        const string markdown = """
            ---
            author: someone
            ---
            # Guide

            Intro text with **bold** and a [link](https://example.com).

            ## Setup

            ### Docker

            Run `docker compose up` to start.

            1. Clone the repository
            2. Start the stack
               - with logs

            ```bash
            docker compose logs -f
            ```

            | Key | Value |
            |-----|-------|
            | port | 8080 |

            ## Usage
            Ask a question.
            """;

        var document = await new MarkdownReader().ReadAsync(Utf8(markdown), "guide.md", Ct);

        Assert.Equal("Guide", document.Title);
        Assert.Equal(["Guide", "Guide > Setup > Docker", "Guide > Usage"], document.Sections.Select(s => s.HeadingPath));
        Assert.Equal("Guide\n\nIntro text with bold and a link.", document.Sections[0].Text);
        Assert.Equal(
            "Docker\n\nRun docker compose up to start.\n1. Clone the repository\n2. Start the stack\n  - with logs\n\ndocker compose logs -f\n\nKey | Value\nport | 8080",
            document.Sections[1].Text);
        Assert.DoesNotContain("author", document.FullText);
    }

    [Fact]
    public async Task CsvRecordsReadAsHeaderValueLinesEvenWithQuotedCommasQuotesAndNewlines()
    {
        const string csv = "name,comment,city\r\n\"Kim, Minji\",\"said \"\"hello\"\"\nand left\",Seoul\r\nLee,,Busan\r\n";

        var document = await new CsvReader().ReadAsync(Utf8(csv), "people.csv", Ct);

        var section = Assert.Single(document.Sections);
        Assert.Equal("rows 1-2", section.HeadingPath);
        Assert.Equal("name: Kim, Minji; comment: said \"hello\" and left; city: Seoul\nname: Lee; city: Busan", section.Text);
    }

    [Fact]
    public async Task CsvIsSplitIntoSectionsOfFiftyRecords()
    {
        var csv = "id;value\n" + string.Join("\n", Enumerable.Range(1, 120).Select(i => $"{i};v{i}"));

        var document = await new CsvReader().ReadAsync(Utf8(csv), "values.csv", Ct);

        Assert.Equal(["rows 1-50", "rows 51-100", "rows 101-120"], document.Sections.Select(s => s.HeadingPath));
        Assert.StartsWith("id: 51; value: v51\n", document.Sections[1].Text);
    }

    [Fact]
    public async Task CsvWithAnUnclosedQuoteSaysOnWhichLineItOpens()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(
            () => new CsvReader().ReadAsync(Utf8("a,b\n1,2\n3,\"open\n4,5\n"), "broken.csv", Ct));

        Assert.Equal("'broken.csv' has a quoted field that is never closed: the quote opens on line 3.", error.Message);
    }

    [Fact]
    public async Task JsonArrayRecordsBecomeFlattenedKeyValueLines()
    {
        const string json = """[{"name":"Kim","address":{"city":"Seoul","zip":"04524"},"tags":["admin","ops"],"age":31,"note":null},{"name":"Lee","active":true}]""";

        var document = await new JsonReader().ReadAsync(Utf8(json), "people.json", Ct);

        var section = Assert.Single(document.Sections);
        Assert.Equal("records 1-2", section.HeadingPath);
        Assert.Equal("name: Kim; address.city: Seoul; address.zip: 04524; tags: admin, ops; age: 31\nname: Lee; active: true", section.Text);
    }

    [Fact]
    public async Task AJsonObjectBecomesOneKeyValueLinePerLeaf()
    {
        var document = await new JsonReader().ReadAsync(Utf8("""{"service":{"port":8080,"hosts":[{"name":"a"},{"name":"b"}]}}"""), "config.json", Ct);

        Assert.Equal("service.port: 8080\nservice.hosts[0].name: a\nservice.hosts[1].name: b", document.FullText);
    }

    [Fact]
    public async Task InvalidJsonNamesTheLineOfTheError()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(
            () => new JsonReader().ReadAsync(Utf8("{\n  \"a\": 1,\n  \"b\": oops\n}"), "bad.json", Ct));

        Assert.StartsWith("'bad.json' is not valid JSON:", error.Message);
        Assert.Contains("(line 3,", error.Message);
    }

    [Fact]
    public async Task EucKrTextIsDecoded()
    {
        var content = TextDecoderTests.EucKr("한국어 문장입니다.");

        var document = await new PlainTextReader().ReadAsync(content, "korean.txt", Ct);

        Assert.Equal("한국어 문장입니다.", document.FullText);
    }
}
