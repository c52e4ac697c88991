namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// What a file really is, from its first bytes. Extensions are chosen by whoever names the file; magic
/// numbers are written by the program that made it, so they decide wherever they exist.
/// </summary>
internal static class ContentSniffer
{
    private static readonly (byte[] Magic, int Offset, string Description)[] Binaries =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], 0, "a PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "a JPEG image"),
        ("GIF87a"u8.ToArray(), 0, "a GIF image"),
        ("GIF89a"u8.ToArray(), 0, "a GIF image"),
        ("II*\0"u8.ToArray(), 0, "a TIFF image"),
        ("MM\0*"u8.ToArray(), 0, "a TIFF image"),
        ("WEBP"u8.ToArray(), 8, "a WebP image"), // offset 8 entries are RIFF containers
        ("WAVE"u8.ToArray(), 8, "a WAV audio file"),
        ("ftyp"u8.ToArray(), 4, "an MP4/QuickTime video or HEIC image"),
        ("ID3\x03\0"u8.ToArray(), 0, "an MP3 audio file"),
        ("ID3\x04\0"u8.ToArray(), 0, "an MP3 audio file"),
        ("OggS"u8.ToArray(), 0, "an Ogg media file"),
        ([0x1A, 0x45, 0xDF, 0xA3], 0, "a Matroska/WebM video"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], 0, "an ELF executable"),
        ([0xCF, 0xFA, 0xED, 0xFE], 0, "a Mach-O executable"),
        ([0xFE, 0xED, 0xFA, 0xCF], 0, "a Mach-O executable"),
        ([0x00, (byte)'a', (byte)'s', (byte)'m'], 0, "a WebAssembly module"),
        ([0x1F, 0x8B], 0, "a gzip archive"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C], 0, "a 7-Zip archive"),
        ("Rar!\x1A\x07"u8.ToArray(), 0, "a RAR archive"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], 0, "an xz archive"),
        ([0x28, 0xB5, 0x2F, 0xFD], 0, "a Zstandard archive"),
        ("PK\x05\x06"u8.ToArray(), 0, "an empty ZIP archive"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "a legacy Office file (.doc, .xls or .ppt; save it as .docx, .xlsx or .pptx)"),
        ("SQLite format 3\0"u8.ToArray(), 0, "an SQLite database"),
        ("{\\rtf"u8.ToArray(), 0, "an RTF document (save it as .docx)"),
        ("%!PS"u8.ToArray(), 0, "a PostScript file"),
    ];

    /// <summary>
    /// The readable binary format of <paramref name="content"/> ("pdf", "docx", "pptx", "xlsx"), or null with a
    /// description of another recognised binary type ("a PNG image"); both null when the bytes are no known binary.
    /// </summary>
    public static (string? Format, string? Description) Sniff(byte[] content, string fileName, bool namedPdf)
    {
        var bytes = content.AsSpan();
        // Acrobat accepts the header anywhere in the first KB; for other names that would misread text about PDFs.
        if (bytes.StartsWith("%PDF-"u8) || (namedPdf && bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0)) return ("pdf", "a PDF document");
        if (bytes.StartsWith("PK\x03\x04"u8)) return OfficeZip.Identify(content, fileName);
        if (bytes.StartsWith("MZ"u8) && bytes.Length > 64 && bytes[..64].IndexOf((byte)0) >= 0) return (null, "a Windows executable");
        foreach (var (magic, offset, description) in Binaries)
            if (bytes.Length >= offset + magic.Length && bytes.Slice(offset, magic.Length).SequenceEqual(magic) && (offset != 8 || bytes.StartsWith("RIFF"u8)))
                return (null, description);
        return (null, null);
    }

    /// <summary>Whether decoded text starts like an HTML page.</summary>
    public static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
