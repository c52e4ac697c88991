using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Tests.Reading;

public sealed class OfficeReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WordHeadingsBuildTheHeadingPathOfEachSection()
    {
        var document = await new DocxReader().ReadAsync(OfficeFixtures.Docx(), "guide.docx", Ct);

        Assert.Equal(["Deployment Guide > Intro", "Deployment Guide > Intro > Setup", "Deployment Guide > Usage"], document.Sections.Select(s => s.HeadingPath));
        var setup = document.Sections[1].Text;
        Assert.StartsWith("Setup\n\nInstall the runtime before the first start.", setup);
        Assert.Contains("- Download the package\n- Run the installer", setup);
        Assert.Contains("Setting | Default\nPort | 8080", setup);
    }

    [Fact]
    public async Task WordTitleComesFromCorePropertiesThenTheTitleStyle()
    {
        Assert.Equal("Deployment Guide", (await new DocxReader().ReadAsync(OfficeFixtures.Docx(), "guide.docx", Ct)).Title);
        Assert.Equal("Ops Handbook", (await new DocxReader().ReadAsync(OfficeFixtures.Docx(coreTitle: "Ops Handbook"), "guide.docx", Ct)).Title);
    }

    [Fact]
    public async Task SlidesAreSectionsNumberedLikePowerPointAndHeadedByTheirTitle()
    {
        var pptx = OfficeFixtures.Pptx([("Welcome", "Agenda for today."), ("Draft ideas", "Not ready to show."), ("Results", "Recall improved by ten points.")], hidden: 2);

        var document = await new PptxReader().ReadAsync(pptx, "talk.pptx", Ct);

        Assert.Equal([1, 3], document.Sections.Select(s => s.Page));
        Assert.Equal(["Welcome", "Results"], document.Sections.Select(s => s.HeadingPath));
        Assert.Equal("Results\nRecall improved by ten points.", document.Sections[1].Text);
        Assert.DoesNotContain(document.Sections, s => s.Text.Contains("Not ready", StringComparison.Ordinal));
        Assert.Equal("Welcome", document.Title);
    }

    [Fact]
    public async Task SheetRowsReadAsHeaderValuePairsUnderTheSheetName()
    {
        var xlsx = OfficeFixtures.Xlsx(
            ("Prices", [["Product", "Price", "Region"], ["Basic plan", "10", "EU"], ["Pro plan", "25", "US"]], false),
            ("Lookup", [["internal", "scratch"]], true),
            ("Numbers", [["1", "2"], ["3", "4"]], false));

        var document = await new XlsxReader().ReadAsync(xlsx, "prices.xlsx", Ct);

        Assert.Equal(["Prices", "Numbers"], document.Sections.Select(s => s.HeadingPath));
        Assert.Equal("Product: Basic plan; Price: 10; Region: EU\nProduct: Pro plan; Price: 25; Region: US", document.Sections[0].Text);
        Assert.Equal("1 | 2\n3 | 4", document.Sections[1].Text);
    }

    [Fact]
    public async Task DateCellsReadAsIsoDatesAndInlineStringsAreResolved()
    {
        var document = await new XlsxReader().ReadAsync(OfficeFixtures.XlsxWithDate(), "releases.xlsx", Ct);

        Assert.Equal("Release: 2.0; Date: 2024-01-01", Assert.Single(document.Sections).Text);
    }

    [Theory]
    [InlineData("bomb.docx")]
    [InlineData("bomb.pptx")]
    [InlineData("bomb.xlsx")]
    public async Task AZipBombIsRefusedBeforeItIsUnpacked(string fileName)
    {
        IDocumentReader reader = Path.GetExtension(fileName) switch { ".docx" => new DocxReader(), ".pptx" => new PptxReader(), _ => new XlsxReader() };

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => reader.ReadAsync(FileFixtures.DocxZipBomb(), fileName, Ct));

        Assert.StartsWith($"'{fileName}' would unpack to 200 MB", error.Message);
    }

    [Fact]
    public async Task AHighlyCompressedPartIsRefusedEvenUnderTheTotalLimit()
    {
        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => new DocxReader().ReadAsync(FileFixtures.DocxZipBomb(megabytes: 20), "dense.docx", Ct));

        Assert.Contains("compressed more than 100:1", error.Message);
    }

    [Fact]
    public async Task AZipWhoseHeadersUnderstateItsSizeIsOnlyUnpackedToTheStatedSize()
    {
        // OfficeZip trusts the declared sizes because System.IO.Compression stops inflating there; this pins that down.
        var forged = FileFixtures.DocxZipBombWithForgedSizes();
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(forged));
        await using var entry = zip.GetEntry("word/document.xml")!.Open();
        long unpacked = 0;
        var buffer = new byte[81920];
        var error = await Record.ExceptionAsync(async () => { for (int n; (n = await entry.ReadAsync(buffer, Ct)) > 0;) unpacked += n; });

        Assert.True(error is null or InvalidDataException, error?.ToString());
        Assert.True(unpacked <= 1024, $"{unpacked} bytes unpacked");
        Assert.IsType<UnprocessableContentException>(await Record.ExceptionAsync(() => new DocxReader().ReadAsync(forged, "liar.docx", Ct)));
    }

    [Fact]
    public async Task ACutOffWordFileIsA422()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(
            () => new DocxReader().ReadAsync(FileFixtures.FirstHalf(OfficeFixtures.Docx()), "cut.docx", Ct));

        Assert.Contains("'cut.docx' is a damaged ZIP container", error.Message);
    }

    [Fact]
    public async Task AZipWithoutAWordDocumentInsideIsA422FromTheReader()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(() => new DocxReader().ReadAsync(FileFixtures.PlainZip(), "fake.docx", Ct));

        Assert.Contains("'fake.docx' is not a Word document", error.Message);
    }
}
