using System.Text;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>Bytes to text for text formats: a BOM picks UTF-8/UTF-16, otherwise strict UTF-8; binary content is refused.</summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] content, string fileName)
    {
        var bytes = content.AsSpan();

        var (encoding, bomLength) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)StrictUtf8, 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            _ => (StrictUtf8, 0),
        };
        if (bomLength == 0 && bytes.IndexOf((byte)0) >= 0)
            throw new UnprocessableContentException($"'{fileName}' looks like a binary file (it contains NUL bytes), not text.");
        try
        {
            return encoding.GetString(bytes[bomLength..]);
        }
        catch (DecoderFallbackException e)
        {
            throw new UnprocessableContentException($"'{fileName}' is not valid UTF-8 or UTF-16 text.", e);
        }
    }
}
