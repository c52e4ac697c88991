using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Word documents: one section per heading (Title and Heading 1-9 styles, or any style with an outline
/// level), paragraphs and list items as lines, tables as rows of cells joined by " | ".
/// </summary>
public sealed partial class DocxReader : OfficeReader
{
    public override string Format => "docx";

    protected override ReadDocument Read(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
        var main = document.MainDocumentPart;
        var body = main?.Document?.Body ?? throw new UnprocessableContentException($"'{fileName}' is not a Word document: it has no main document part.");
        var levels = HeadingLevels(main.StyleDefinitionsPart);
        var sections = new SectionBuilder();
        var previousWasListItem = false;
        foreach (var block in Blocks(body))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isListItem = false;
            if (block is Table table) sections.Paragraph(TableText(table));
            else if (block is Paragraph paragraph && HeadingLevel(paragraph, levels) is { } level) sections.Heading(level, ParagraphText(paragraph));
            else if (block is Paragraph listItem && listItem.ParagraphProperties?.NumberingProperties is not null)
            {
                isListItem = true;
                if (previousWasListItem) sections.Line("- " + ParagraphText(listItem));
                else sections.Paragraph("- " + ParagraphText(listItem));
            }
            else if (block is Paragraph plain) sections.Paragraph(ParagraphText(plain));
            previousWasListItem = isListItem;
        }
        var title = document.PackageProperties.Title is { } t && !string.IsNullOrWhiteSpace(t) ? t.Trim() : sections.FirstHeading(0);
        return new ReadDocument(sections.Build(), title);
    }

    /// <summary>Paragraphs and tables in document order, including those inside content controls.</summary>
    private static IEnumerable<OpenXmlElement> Blocks(Body body)
    {
        var stack = new Stack<OpenXmlElement>(body.ChildElements.Reverse());
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element is Paragraph or Table) yield return element;
            else if (element is SdtBlock or SdtContentBlock or CustomXmlBlock)
                foreach (var child in element.ChildElements.Reverse()) stack.Push(child);
        }
    }

    private static string ParagraphText(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t: text.Append(t.Text); break;
                case TabChar: text.Append('\t'); break;
                case Break or CarriageReturn: text.Append('\n'); break;
                case NoBreakHyphen: text.Append('-'); break;
            }
        }
        return text.ToString();
    }

    private static string TableText(Table table) => string.Join("\n", table.Elements<TableRow>()
        .Select(row => string.Join(" | ", row.Elements<TableCell>()
            .Select(cell => SectionBuilder.Clean(string.Join(" ", cell.Descendants<Paragraph>().Select(ParagraphText)))))));

    /// <summary>Heading level by style id: 0 for Title, N for "heading N", or the style's outline level.</summary>
    private static Dictionary<string, int> HeadingLevels(StyleDefinitionsPart? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var style in styles?.Styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is not { } id) continue;
            // Localised Word keeps the English style name ("heading 1") but translates the id ("berschrift1").
            if (LevelFromName(style.StyleName?.Val?.Value) is { } level) levels[id] = level;
            else if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline and < 9) levels[id] = outline + 1;
        }
        return levels;
    }

    private static int? HeadingLevel(Paragraph paragraph, Dictionary<string, int> levels)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.ParagraphStyleId?.Val?.Value is { } styleId)
        {
            if (levels.TryGetValue(styleId, out var level)) return level;
            if (LevelFromName(styleId) is { } fromId) return fromId;
        }
        return properties?.OutlineLevel?.Val?.Value is { } outline and < 9 ? outline + 1 : null;
    }

    private static int? LevelFromName(string? name) => name is null ? null
        : name.Equals("Title", StringComparison.OrdinalIgnoreCase) ? 0
        : HeadingName().Match(name) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : null;

    [GeneratedRegex(@"^heading\s?([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingName();
}
