using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Tests.Reading;

public sealed class PdfReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachPageIsASectionWithItsPageNumber()
    {
        var document = await new PdfReader().ReadAsync(FileFixtures.TwoPagePdf(), "notes.pdf", Ct);

        Assert.Equal([1, 2], document.Sections.Select(s => s.Page));
        Assert.Contains(FileFixtures.PageTwoSentence, document.Sections[1].Text);
        Assert.DoesNotContain(FileFixtures.PageTwoSentence, document.Sections[0].Text);
    }

    [Fact]
    public async Task TheTitleComesFromTheDocumentInformation()
    {
        var document = await new PdfReader().ReadAsync(FileFixtures.TwoPagePdf(), "notes.pdf", Ct);

        Assert.Equal("Retrieval Notes", document.Title);
    }

    [Fact]
    public async Task ABlankPageIsSkippedButLaterPagesKeepTheirNumbers()
    {
        var document = await new PdfReader().ReadAsync(FileFixtures.Pdf(null, "First page.", " ", "Third page."), "gaps.pdf", Ct);

        Assert.Equal([1, 3], document.Sections.Select(s => s.Page));
        Assert.Null(document.Title);
    }

    [Fact]
    public async Task AScannedPdfIsRefusedWithAdviceToRunOcr()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(() => new PdfReader().ReadAsync(FileFixtures.ScannedPdf(), "scan.pdf", Ct));

        Assert.Equal("'scan.pdf' has no extractable text: it looks like a scanned image. Run OCR first.", error.Message);
    }

    [Fact]
    public async Task APdfWithNoTextAndNoImagesSaysSo()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(() => new PdfReader().ReadAsync(FileFixtures.Pdf(null, " "), "blank.pdf", Ct));

        Assert.Contains("'blank.pdf' has no extractable text", error.Message);
    }

    [Fact]
    public async Task AnEncryptedPdfIsRefusedAsEncrypted()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(() => new PdfReader().ReadAsync(FileFixtures.EncryptedPdf(), "secret.pdf", Ct));

        Assert.Contains("'secret.pdf' is encrypted", error.Message);
    }

    [Fact]
    public async Task ATruncatedPdfIsRefusedAsIncomplete()
    {
        var error = await Assert.ThrowsAsync<UnprocessableContentException>(
            () => new PdfReader().ReadAsync(FileFixtures.FirstHalf(FileFixtures.TwoPagePdf()), "cut.pdf", Ct));

        Assert.Contains("'cut.pdf' is an incomplete PDF", error.Message);
    }

    [Fact]
    public async Task AFileWithAPdfHeaderButGarbageAfterItIsA422()
    {
        byte[] content = [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 2000).Select(i => (byte)(i * 31)), .. "\n%%EOF\n"u8];

        var error = await Assert.ThrowsAsync<UnprocessableContentException>(() => new PdfReader().ReadAsync(content, "garbage.pdf", Ct));

        Assert.Contains("'garbage.pdf'", error.Message);
    }

    [Fact]
    public async Task TwoColumnsAreReadColumnByColumnNotAcrossTheLines()
    {
        using var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        // Written line by line across both columns, as some generators do.
        for (var line = 0; line < 6; line++)
        {
            page.AddText($"Left column sentence {line + 1}.", 11, new UglyToad.PdfPig.Core.PdfPoint(50, 700 - 14 * line), font);
            page.AddText($"Right column sentence {line + 1}.", 11, new UglyToad.PdfPig.Core.PdfPoint(320, 700 - 14 * line), font);
        }

        var text = (await new PdfReader().ReadAsync(builder.Build(), "columns.pdf", Ct)).FullText;

        Assert.True(text.IndexOf("Left column sentence 6.", StringComparison.Ordinal) < text.IndexOf("Right column sentence 1.", StringComparison.Ordinal), text);
    }
}
