using System.Text;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Tests.Reading;

/// <summary>
/// The hostile corpus of issue 4, generated here: each file must end in the documented exception (413, 415
/// or 422) with a message that names it, never in another exception.
/// </summary>
public sealed class HostileInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DocumentReaders Readers = FileFixtures.AllReaders();

    private static async Task<TException> RefusedAsync<TException>(byte[] content, string fileName) where TException : RagChatException
    {
        var error = await Record.ExceptionAsync(() => Readers.ReadAsync(content, fileName, Ct));
        var refused = Assert.IsType<TException>(error);
        Assert.Contains($"'{fileName}'", refused.Message);
        return refused;
    }

    [Fact]
    public async Task AnEmptyFileIsEmpty() =>
        Assert.Equal("'empty.txt' is empty.", (await RefusedAsync<UnprocessableContentException>([], "empty.txt")).Message);

    [Fact]
    public async Task AFileOfOnlyWhitespaceHasNoText() =>
        Assert.Equal("'blank.md' contains no text.", (await RefusedAsync<UnprocessableContentException>("  \n\n\t "u8.ToArray(), "blank.md")).Message);

    [Fact]
    public async Task ATruncatedPdfIsA422() =>
        await RefusedAsync<UnprocessableContentException>(FileFixtures.FirstHalf(FileFixtures.TwoPagePdf()), "half.pdf");

    [Fact]
    public async Task AnEncryptedPdfIsA422() =>
        Assert.Contains("encrypted", (await RefusedAsync<UnprocessableContentException>(FileFixtures.EncryptedPdf(), "locked.pdf")).Message);

    [Fact]
    public async Task APngNamedPdfIsA422ThatSaysWhatItReallyIs() =>
        Assert.Equal("'report.pdf' is a PNG image, not a PDF document.", (await RefusedAsync<UnprocessableContentException>(FileFixtures.Png(), "report.pdf")).Message);

    [Fact]
    public async Task ADocxZipBombIsA413() =>
        Assert.Contains("would unpack to 200 MB", (await RefusedAsync<PayloadTooLargeException>(FileFixtures.DocxZipBomb(), "bomb.docx")).Message);

    [Fact]
    public async Task ACorruptZipNamedDocxIsA422()
    {
        byte[] content = [.. "PK\x03\x04"u8, .. Enumerable.Range(0, 500).Select(i => (byte)(i * 13))];

        Assert.Contains("damaged ZIP", (await RefusedAsync<UnprocessableContentException>(content, "corrupt.docx")).Message);
    }

    [Fact]
    public async Task AZipThatIsNoOfficeDocumentIsA422WhenNamedDocx() =>
        Assert.Equal("'archive.docx' is a ZIP archive, not a Word document.", (await RefusedAsync<UnprocessableContentException>(FileFixtures.PlainZip(), "archive.docx")).Message);

    [Fact]
    public async Task ABinaryFileNamedTxtIsA422()
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);

        Assert.Contains("binary", (await RefusedAsync<UnprocessableContentException>(random, "program.txt")).Message);
        Assert.Contains("binary", (await RefusedAsync<UnprocessableContentException>(FileFixtures.BinaryNoise(), "noise.txt")).Message);
    }

    [Fact]
    public async Task AnElfExecutableNamedTxtSaysWhatItIs()
    {
        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[56]];

        Assert.Equal("'tool.txt' is an ELF executable, not text.", (await RefusedAsync<UnprocessableContentException>(elf, "tool.txt")).Message);
    }

    [Fact]
    public async Task InvalidUtf8ThatIsNotEucKrEitherIsA422() =>
        Assert.Contains("not valid UTF-8, UTF-16 or EUC-KR", (await RefusedAsync<UnprocessableContentException>(FileFixtures.InvalidText(), "latin1.txt")).Message);

    [Fact]
    public async Task TenThousandNestedDivsAreRead()
    {
        var document = await Readers.ReadAsync(Encoding.UTF8.GetBytes(FileFixtures.DeeplyNestedHtml(10_000)), "deep.html", Ct);

        Assert.Equal("The bottom of the page.", document.FullText);
    }

    [Fact]
    public async Task AOneMegabyteSingleLineIsReadWhole()
    {
        var line = string.Concat(Enumerable.Repeat("word ", 1024 * 1024 / 5));

        var document = await Readers.ReadAsync(Encoding.UTF8.GetBytes(line), "long.txt", Ct);

        Assert.Equal(line, document.FullText);
    }

    [Fact]
    public async Task AnUnsupportedImageIsA415ThatSaysWhatItIs() =>
        Assert.StartsWith("'photo.png' is a PNG image, which is not a supported format. Supported: .csv, .docx",
            (await RefusedAsync<UnsupportedMediaTypeException>(FileFixtures.Png(), "photo.png")).Message);

    [Fact]
    public async Task AnUnknownExtensionIsA415()
    {
        var error = await Record.ExceptionAsync(() => Readers.ReadAsync("some text"u8.ToArray(), "notes.xyz", Ct));

        Assert.Equal("Files of type '.xyz' are not supported. Supported: .csv, .docx, .htm, .html, .json, .markdown, .md, .pdf, .pptx, .text, .tsv, .txt, .xlsx.",
            Assert.IsType<UnsupportedMediaTypeException>(error).Message);
    }

    [Fact]
    public async Task AnOldBinaryWordFileIsTurnedAwayWithAdvice() =>
        Assert.Contains("save it as .docx",
            (await RefusedAsync<UnprocessableContentException>([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]], "old.docx")).Message);

    [Fact]
    public async Task TextNamedPdfIsA422ThatSaysItIsText() =>
        Assert.Equal("'notes.pdf' is not a PDF document: it is plain text.",
            (await RefusedAsync<UnprocessableContentException>("Just some notes."u8.ToArray(), "notes.pdf")).Message);
}
