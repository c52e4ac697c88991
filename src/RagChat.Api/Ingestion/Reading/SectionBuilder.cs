using System.Text;
using System.Text.RegularExpressions;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Collects the text of a headed document (Markdown, HTML, Word) into one section per heading, each
/// carrying the path of headings above it ("Setup > Docker") so that chunks and citations can show it.
/// </summary>
internal sealed partial class SectionBuilder
{
    private readonly List<(int Level, string Text)> _headings = [];
    private readonly List<DocumentSection> _sections = [];
    private readonly StringBuilder _text = new();
    private bool _hasBody;

    private readonly Dictionary<int, string> _firstHeadings = [];

    /// <summary>The first heading seen at <paramref name="level"/>: a Markdown "# Title", a Word Title paragraph (0).</summary>
    public string? FirstHeading(int level) => _firstHeadings.GetValueOrDefault(level);

    public void Heading(int level, string text)
    {
        text = Clean(text);
        if (text.Length == 0) return;
        Flush();
        while (_headings.Count > 0 && _headings[^1].Level >= level) _headings.RemoveAt(_headings.Count - 1);
        _headings.Add((level, text));
        _firstHeadings.TryAdd(level, text);
        // The heading starts the section's text too, so its words are searchable, but alone it is no section.
        _text.Append(text);
    }

    /// <summary>A block of its own (paragraph, code block, table), separated by a blank line.</summary>
    public void Paragraph(string text) => Append(text, "\n\n");

    /// <summary>A line that belongs with the previous one (the next list item or table row).</summary>
    public void Line(string text) => Append(text, "\n");

    public IReadOnlyList<DocumentSection> Build()
    {
        Flush();
        return _sections;
    }

    /// <summary>Whitespace runs (newlines included) become one space: headings and cells are single lines.</summary>
    public static string Clean(string text) => Whitespace().Replace(text, " ").Trim();

    private void Append(string text, string separator)
    {
        text = text.Trim('\n', '\r');
        if (string.IsNullOrWhiteSpace(text)) return;
        if (_text.Length > 0) _text.Append(_hasBody ? separator : "\n\n");
        _text.Append(text);
        _hasBody = true;
    }

    private void Flush()
    {
        if (_hasBody)
            _sections.Add(new DocumentSection(_text.ToString(), HeadingPath: _headings.Count > 0 ? string.Join(" > ", _headings.Select(h => h.Text)) : null));
        _text.Clear();
        _hasBody = false;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
