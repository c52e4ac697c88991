using System.Text.RegularExpressions;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Markdown is kept as written: its headings, lists and code read well as plain text and the chunker
/// uses the heading lines as break points. The first level-1 heading becomes the title; a YAML front
/// matter block is dropped.
/// </summary>
public sealed partial class MarkdownReader : IDocumentReader
{
    public string Format => "md";

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var text = FrontMatter().Replace(TextDecoder.Decode(content, fileName), "", 1);
        var title = FirstHeading().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        return Task.FromResult(new ReadDocument([new DocumentSection(text)], title));
    }

    [GeneratedRegex(@"\A\uFEFF?---\r?\n.*?\r?\n---\r?\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^#[ \t]+(.+)$", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();
}
