using System.Text;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Bytes to text for the text formats. A BOM decides first; then strict UTF-8; then Korean EUC-KR/CP949,
/// which many Korean Windows tools still write without a BOM. Binary content is refused rather than
/// decoded into noise that would be embedded and cited.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictCp949;

    static TextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        StrictCp949 = Encoding.GetEncoding(949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static string Decode(byte[] content, string fileName)
    {
        var bytes = content.AsSpan();
        var text = DecodeByBom(bytes) ?? DecodeUtf16WithoutBom(bytes) ?? DecodeWithoutBom(bytes, fileName);
        if (LooksBinary(text))
            throw new UnprocessableContentException($"'{fileName}' looks like a binary file (it is mostly control characters), not text.");
        return text;
    }

    /// <summary>Decodes like <see cref="Decode"/>, answering false instead of throwing when the bytes are not text.</summary>
    public static bool TryDecode(byte[] content, out string text)
    {
        try
        {
            text = Decode(content, "");
            return true;
        }
        catch (UnprocessableContentException)
        {
            text = "";
            return false;
        }
    }

    private static string? DecodeByBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Strict(StrictUtf8, bytes[3..]),
        [0xFF, 0xFE, ..] => Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..]),
        [0xFE, 0xFF, ..] => Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..]),
        _ => null,
    };

    // Some exporters write UTF-16 without a BOM; ASCII-heavy UTF-16 shows as a NUL in every other byte.
    private static string? DecodeUtf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes.Length % 2 != 0) return null;
        var sample = bytes[..Math.Min(bytes.Length, 4096)];
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i++)
            if (sample[i] == 0) { if (i % 2 == 0) evenNuls++; else oddNuls++; }
        var half = sample.Length / 2;
        bool? bigEndian = oddNuls > half * 0.4 && evenNuls == 0 ? false : evenNuls > half * 0.4 && oddNuls == 0 ? true : null;
        return bigEndian is { } be ? Strict(new UnicodeEncoding(be, byteOrderMark: false, throwOnInvalidBytes: true), bytes) : null;
    }

    private static string DecodeWithoutBom(ReadOnlySpan<byte> bytes, string fileName)
    {
        if (bytes.IndexOf((byte)0) >= 0)
            throw new UnprocessableContentException($"'{fileName}' looks like a binary file (it contains NUL bytes), not text.");
        return Strict(StrictUtf8, bytes)
            ?? (LooksKorean(bytes) ? Strict(StrictCp949, bytes) : null)
            ?? throw new UnprocessableContentException(
                $"'{fileName}' is not valid UTF-8, UTF-16 or EUC-KR text{FirstInvalidByte(bytes)}. Save it as UTF-8 and upload it again.");
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>
    /// CP949 accepts most byte soups (Latin-1 text decodes into nonsense Hangul), so it is only tried when the
    /// double-byte characters are mostly KS X 1001 Hangul syllables, as real Korean text is.
    /// </summary>
    private static bool LooksKorean(ReadOnlySpan<byte> bytes)
    {
        int hangul = 0, other = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80) continue;
            if (i + 1 < bytes.Length && bytes[i] is >= 0xB0 and <= 0xC8 && bytes[i + 1] >= 0xA1) hangul++;
            else other++;
            i++;
        }
        return hangul > 0 && hangul >= other;
    }

    private static string FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        try { StrictUtf8.GetCharCount(bytes); return ""; }
        catch (DecoderFallbackException e) { return e.Index >= 0 ? $" (invalid UTF-8 at byte {e.Index})" : ""; }
    }

    // Text has tabs and line ends; more than a few percent of other control characters means it is not text.
    private static bool LooksBinary(string text)
    {
        var controls = 0;
        foreach (var c in text)
            if (c is (< ' ' and not ('\t' or '\n' or '\r' or '\f')) or '\u007F') controls++;
        return controls > 0 && controls > text.Length / 20;
    }
}
