using System.Text.RegularExpressions;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Markdown is kept as written: its headings, lists and code read well as plain text and the chunker
/// uses the heading lines as break points. The first level-1 heading becomes the title; a YAML front
/// matter block is dropped.
/// </summary>
public sealed partial class MarkdownReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public async Task<ReadDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await TextDecoder.DecodeAsync(content, fileName, cancellationToken);
        text = FrontMatter().Replace(text, "", 1);
        var title = FirstHeading().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        return new ReadDocument(text, title);
    }

    [GeneratedRegex(@"\A\uFEFF?---\r?\n.*?\r?\n---\r?\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^#[ \t]+(.+)$", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();
}
