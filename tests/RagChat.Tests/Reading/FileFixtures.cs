using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RagChat.Api.Ingestion.Reading;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagChat.Tests.Reading;

/// <summary>PDFs, images, ZIPs and hostile files, all generated here so no fixture lives on disk.</summary>
public static class FileFixtures
{
    public const string PageTwoSentence = "The retrieval step finds the passages that answer the question.";

    public static DocumentReaders AllReaders() => new(
    [
        new PlainTextReader(), new MarkdownReader(), new HtmlReader(), new CsvReader(), new JsonReader(),
        new PdfReader(), new DocxReader(), new PptxReader(), new XlsxReader(),
    ]);

    /// <summary>A PDF with one line of Helvetica text per page.</summary>
    public static byte[] Pdf(string? title, params string[] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
            builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(50, 750), font);
        if (title is not null) builder.DocumentInformation.Title = title;
        return builder.Build();
    }

    public static byte[] TwoPagePdf() => Pdf("Retrieval Notes", "Page one introduces the topic.", PageTwoSentence);

    /// <summary>A PDF whose only page is a picture, as a scanner makes them.</summary>
    public static byte[] ScannedPdf()
    {
        using var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4).AddPng(Png(4, 4), new PdfRectangle(50, 50, 500, 700));
        return builder.Build();
    }

    /// <summary>
    /// A hand-written PDF whose trailer names a Standard security handler with made-up keys: it claims to be
    /// encrypted with a password nobody knows. PdfPig cannot write encrypted files, so this is built by hand.
    /// </summary>
    public static byte[] EncryptedPdf()
    {
        var key = new string('7', 64);
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 8 >>\nstream\n\x01\x02\x03\x04\x05\x06\x07\x08\nendstream",
            $"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{key}> /U <{key}> >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\n");
        pdf.Append($"startxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>A real (tiny, grey) PNG image.</summary>
    public static byte[] Png(int width = 1, int height = 1)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        var pixels = new byte[height * (1 + 3 * width)];
        Array.Fill(pixels, (byte)0x80);
        for (var row = 0; row < height; row++) pixels[row * (1 + 3 * width)] = 0; // filter: none
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(pixels);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var number = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A ZIP with a word/document.xml of <paramref name="megabytes"/> MB of spaces: a few hundred KB on the wire.</summary>
    public static byte[] DocxZipBomb(int megabytes = 200)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < megabytes; i++) entry.Write(spaces);
        }
        return stream.ToArray();
    }

    /// <summary>The zip bomb with its headers forged to declare 1 KB unpacked, so only really inflating it shows its size.</summary>
    public static byte[] DocxZipBombWithForgedSizes()
    {
        var zip = DocxZipBomb();
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), 1024); // local file header
            else if (signature == 0x02014b50) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), 1024); // central directory
        }
        return zip;
    }

    /// <summary>A ZIP of ordinary files, not an Office document.</summary>
    public static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("notes/readme.txt").Open()))
            writer.Write("Just a text file in an archive.");
        return stream.ToArray();
    }

    public static byte[] FirstHalf(byte[] content) => content[..(content.Length / 2)];

    /// <summary>Bytes that are neither UTF-8 nor EUC-KR: Latin-1 accents next to ASCII and stray continuation bytes.</summary>
    public static byte[] InvalidText() => [.. "caf"u8, 0xE9, (byte)' ', 0x80, 0x81, (byte)'x', 0xFF, (byte)'\n'];

    /// <summary>Bytes of an executable-like file: mostly control bytes, no NUL, no known signature.</summary>
    public static byte[] BinaryNoise() => [.. Enumerable.Range(0, 4096).Select(i => (byte)(1 + i * 7 % 31))];

    public static string DeeplyNestedHtml(int depth) =>
        "<!DOCTYPE html><html><head><title>Deep</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) +
        "The bottom of the page." + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";
}
