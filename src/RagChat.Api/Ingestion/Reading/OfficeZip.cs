using System.IO.Compression;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// The ZIP container under .docx, .pptx and .xlsx: what kind of document it holds, and whether it is
/// safe to unpack. A few hundred KB of deflated spaces can unpack to gigabytes (a zip bomb), so the
/// sizes are checked before the Office SDK opens any part.
/// </summary>
internal static class OfficeZip
{
    public const long MaxTotalBytes = 100L * 1024 * 1024;
    private const long RatioCheckMinBytes = 10L * 1024 * 1024;
    private const long MaxRatio = 100;

    // Each format's main part, which tells the containers apart, and what a user calls such a file.
    private static readonly Dictionary<string, (string MainPart, string Description)> Formats = new()
    {
        ["docx"] = ("word/document.xml", "a Word document"),
        ["pptx"] = ("ppt/presentation.xml", "a PowerPoint presentation"),
        ["xlsx"] = ("xl/workbook.xml", "an Excel workbook"),
    };

    /// <summary>"a Word document" for "docx", and so on.</summary>
    public static string Describe(string format) => Formats[format].Description;

    /// <summary>The format the container holds ("docx", "pptx", "xlsx"), or null with a description of what it is.</summary>
    public static (string? Format, string Description) Identify(byte[] content, string fileName)
    {
        using var zip = Open(content, fileName);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (format, (mainPart, _)) in Formats)
            if (names.Contains(mainPart)) return (format, Describe(format));
        if (names.Contains("mimetype") && names.Contains("content.xml")) return (null, "an OpenDocument file (save it as .docx, .pptx or .xlsx)");
        return (null, "a ZIP archive");
    }

    /// <summary>
    /// Throws 413 when the entries declare more than <see cref="MaxTotalBytes"/> unpacked, or one large entry is
    /// compressed more than 100:1. The declared sizes are enough: System.IO.Compression stops inflating an entry
    /// at its declared size, so a ZIP that under-declares yields truncated XML (a 422), never a bomb.
    /// </summary>
    public static void EnsureSafeToUnpack(byte[] content, string fileName)
    {
        using var zip = Open(content, fileName);
        // Saturating: a forged ZIP64 header can declare sizes that overflow a plain sum.
        var declared = zip.Entries.Aggregate(0L, (sum, e) => e.Length > long.MaxValue - sum ? long.MaxValue : sum + e.Length);
        if (declared > MaxTotalBytes) throw TooLarge(fileName, declared);
        if (zip.Entries.FirstOrDefault(e => TooDense(e.Length, e.CompressedLength)) is { } bomb)
            throw Bomb(fileName, bomb.FullName, bomb.Length, bomb.CompressedLength);
    }

    private static bool TooDense(long unpacked, long compressed) => unpacked > RatioCheckMinBytes && unpacked / Math.Max(1, compressed) > MaxRatio;

    private static ZipArchive Open(byte[] content, string fileName)
    {
        try
        {
            return new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            throw new UnprocessableContentException($"'{fileName}' is a damaged ZIP container and cannot be opened ({e.Message.TrimEnd('.')}).", e);
        }
    }

    private static PayloadTooLargeException TooLarge(string fileName, long bytes) =>
        new($"'{fileName}' would unpack to {Megabytes(bytes)} MB; the limit is {Megabytes(MaxTotalBytes)} MB.");

    private static PayloadTooLargeException Bomb(string fileName, string part, long bytes, long compressed) =>
        new($"'{fileName}' would unpack to {Megabytes(bytes)} MB: its part '{part}' is compressed more than {MaxRatio}:1 " +
            $"(from {Math.Max(1, compressed / 1024)} KB), which is how zip bombs look.");

    private static long Megabytes(long bytes) => bytes / (1024 * 1024) + (bytes % (1024 * 1024) > 0 ? 1 : 0);
}
