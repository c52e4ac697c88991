using System.Text;
using RagChat.Api.Common;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Tests.Reading;

public sealed class TextDecoderTests
{
    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] EucKr(string text) => Encoding.GetEncoding(949).GetBytes(text);

    [Fact]
    public void Utf8IsDecodedWithOrWithoutABom()
    {
        Assert.Equal("héllo 한국어", TextDecoder.Decode(Encoding.UTF8.GetBytes("héllo 한국어"), "a.txt"));
        Assert.Equal("héllo", TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("héllo")], "a.txt"));
    }

    [Fact]
    public void Utf16IsDecodedByItsBomInEitherByteOrder()
    {
        Assert.Equal("한국어 text", TextDecoder.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("한국어 text")], "le.txt"));
        Assert.Equal("한국어 text", TextDecoder.Decode([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("한국어 text")], "be.txt"));
    }

    [Fact]
    public void Utf16WithoutABomIsRecognisedByItsZeroBytes()
    {
        Assert.Equal("plain export", TextDecoder.Decode(Encoding.Unicode.GetBytes("plain export"), "export.txt"));
    }

    [Fact]
    public void EucKrWithoutABomIsDecodedWhenItHoldsHangul()
    {
        Assert.Equal("한국어 문장입니다.", TextDecoder.Decode(EucKr("한국어 문장입니다."), "korean.txt"));
    }

    [Fact]
    public void Latin1IsNotMistakenForKorean()
    {
        var error = Assert.Throws<UnprocessableContentException>(() => TextDecoder.Decode(Encoding.Latin1.GetBytes("Ärger über Äpfel"), "german.txt"));

        Assert.StartsWith("'german.txt' is not valid UTF-8, UTF-16 or EUC-KR text", error.Message);
    }

    [Fact]
    public void InvalidBytesNameTheFileAndTheOffset()
    {
        var error = Assert.Throws<UnprocessableContentException>(() => TextDecoder.Decode(FileFixtures.InvalidText(), "bad.txt"));

        Assert.Equal("'bad.txt' is not valid UTF-8, UTF-16 or EUC-KR text (invalid UTF-8 at byte 3). Save it as UTF-8 and upload it again.", error.Message);
    }

    [Fact]
    public void ControlCharacterSoupIsBinaryNotText()
    {
        var error = Assert.Throws<UnprocessableContentException>(() => TextDecoder.Decode(FileFixtures.BinaryNoise(), "noise.txt"));

        Assert.Contains("'noise.txt' looks like a binary file", error.Message);
    }
}
