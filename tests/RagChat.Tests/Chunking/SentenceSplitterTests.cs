using RagChat.Api.Ingestion.Chunking;

namespace RagChat.Tests.Chunking;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("One. Two! Three? Four", new[] { "One.", "Two!", "Three?", "Four" })]
    [InlineData("He said \"stop.\" Then left.", new[] { "He said \"stop.\"", "Then left." })]
    [InlineData("Version 3.5 is out. Get it.", new[] { "Version 3.5 is out.", "Get it." })]
    [InlineData("검색합니다 그리고 생성해요 끝입니다.", new[] { "검색합니다", "그리고 생성해요", "끝입니다." })]
    [InlineData("문서를 찾습니다. 답을 씁니다.", new[] { "문서를 찾습니다.", "답을 씁니다." })]
    public void SplitsAtSentenceEnds(string line, string[] expected) =>
        Assert.Equal(expected, SentenceSplitter.Sentences(line));

    [Fact]
    public void MarksParagraphLineAndHeadingBreaks()
    {
        var segments = SentenceSplitter.Split("# Title\nFirst line. Second.\n\nNew paragraph.").ToList();

        Assert.Equal(
            [("# Title", SentenceSplitter.SegmentBreak.Paragraph, true), ("First line.", SentenceSplitter.SegmentBreak.Line, false),
             ("Second.", SentenceSplitter.SegmentBreak.Sentence, false), ("New paragraph.", SentenceSplitter.SegmentBreak.Paragraph, false)],
            segments.Select(s => (s.Text, s.Break, s.IsHeading)));
    }
}
