using System.Text.RegularExpressions;

namespace RagChat.Api.Ingestion.Chunking;

/// <summary>
/// Splits text into paragraphs, lines and sentences. Sentences end at . ! ? and their CJK forms, and at
/// Korean polite endings (니다, 어요, 세요 …) even where the writer left out the full stop.
/// </summary>
public static partial class SentenceSplitter
{
    /// <summary>A piece of text and what it follows: a new paragraph, a new line, or the previous sentence.</summary>
    public sealed record Segment(string Text, SegmentBreak Break, bool IsHeading);

    public enum SegmentBreak { Sentence, Line, Paragraph }

    public static IEnumerable<Segment> Split(string text)
    {
        var paragraphs = ParagraphBreak().Split(text.Replace("\r\n", "\n").Replace('\r', '\n'));
        foreach (var paragraph in paragraphs)
        {
            var first = SegmentBreak.Paragraph;
            foreach (var rawLine in paragraph.Split('\n'))
            {
                var line = rawLine.TrimEnd();
                if (line.Trim().Length == 0) continue;
                var heading = HeadingLine().IsMatch(line);
                foreach (var sentence in Sentences(line))
                {
                    yield return new Segment(sentence, first, heading);
                    first = SegmentBreak.Sentence;
                }
                first = SegmentBreak.Line;
            }
        }
    }

    public static IEnumerable<string> Sentences(string line) =>
        SentenceEnd().Split(line).Where(s => s.Trim().Length > 0);

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s")]
    private static partial Regex HeadingLine();

    // Split on the whitespace after a sentence end (closing quotes and brackets stay with their sentence).
    [GeneratedRegex(@"(?<=(?:[.!?。！？…]|(?:니다|어요|에요|해요|세요|까요|군요|네요|지요))[""'”’)\]]*)\s+(?=\S)")]
    private static partial Regex SentenceEnd();
}
