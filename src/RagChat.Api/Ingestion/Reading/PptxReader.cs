using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using RagChat.Api.Common;
using A = DocumentFormat.OpenXml.Drawing;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// One section per visible slide: Page is the slide's number among all slides (as PowerPoint shows it),
/// the heading is the slide title. Shapes and tables are read in order, then the speaker notes, which
/// often say what the slide only hints at. Hidden slides are skipped: the author took them out of the talk.
/// </summary>
public sealed class PptxReader : OfficeReader
{
    public override string Format => "pptx";

    protected override ReadDocument Read(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        using var document = PresentationDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
        var presentation = document.PresentationPart ?? throw new UnprocessableContentException($"'{fileName}' is not a PowerPoint presentation: it has no presentation part.");
        var sections = new List<DocumentSection>();
        var number = 0;
        foreach (var slideId in presentation.Presentation?.SlideIdList?.Elements<SlideId>() ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            if (slideId.RelationshipId?.Value is not { } id || !presentation.TryGetPartById(id, out var part) || part is not SlidePart slidePart) continue;
            if (slidePart.Slide is not { } slide || slide.Show?.Value == false) continue;

            var (title, text) = ShapesText(slide.CommonSlideData);
            if (slidePart.NotesSlidePart?.NotesSlide?.CommonSlideData is { } notesData && ShapesText(notesData, notesOnly: true).Text is { Length: > 0 } notes)
                text = text.Length > 0 ? $"{text}\n\nNotes: {notes}" : $"Notes: {notes}";
            if (text.Length > 0) sections.Add(new DocumentSection(text, number, title));
        }
        var documentTitle = document.PackageProperties.Title is { } t && !string.IsNullOrWhiteSpace(t) ? t.Trim() : sections.FirstOrDefault()?.HeadingPath;
        return new ReadDocument(sections, documentTitle);
    }

    /// <summary>The text of a slide's shapes and tables in order, and its title placeholder's text.</summary>
    private static (string? Title, string Text) ShapesText(CommonSlideData? data, bool notesOnly = false)
    {
        string? title = null;
        var lines = new List<string>();
        foreach (var element in data?.ShapeTree?.Descendants() ?? [])
        {
            if (element is Shape shape)
            {
                var placeholder = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value;
                // Notes pages also hold a slide image and a page number; only the body is the notes.
                if (notesOnly && placeholder != PlaceholderValues.Body) continue;
                var text = ParagraphsText(shape.TextBody);
                if (text.Length == 0) continue;
                if (placeholder == PlaceholderValues.Title || placeholder == PlaceholderValues.CenteredTitle) title ??= SectionBuilder.Clean(text);
                lines.Add(text);
            }
            else if (element is A.Table table && !notesOnly)
            {
                lines.AddRange(table.Elements<A.TableRow>()
                    .Select(row => string.Join(" | ", row.Elements<A.TableCell>().Select(cell => SectionBuilder.Clean(ParagraphsText(cell.TextBody))))));
            }
        }
        return (title, string.Join("\n", lines).Trim());
    }

    private static string ParagraphsText(OpenXmlElement? body) => body is null ? "" : string.Join("\n", body.Elements<A.Paragraph>()
        .Select(paragraph =>
        {
            var text = new StringBuilder();
            foreach (var element in paragraph.Descendants())
                if (element is A.Text t) text.Append(t.Text);
                else if (element is A.Break) text.Append('\n');
            return text.ToString().Trim();
        })
        .Where(line => line.Length > 0));
}
