using System.Text;
using RagChat.Api.Common;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// One section per page, so every chunk can cite its page. Text comes out in reading order: letters are
/// grouped into words, words into blocks (Docstrum), blocks ordered by position, which keeps two-column
/// pages from being read across the columns.
/// </summary>
public sealed class PdfReader : IDocumentReader
{
    private static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions
    {
        // One upload should not take every core of the server.
        MaxDegreeOfParallelism = 1,
    });

    public string Format => "pdf";

    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        EnsureComplete(content, fileName);
        return Task.FromResult(ReaderGuard.Read(fileName, "a PDF document", () => Read(content, fileName, cancellationToken)));
    }

    private static ReadDocument Read(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            return ReadPages(pdf, fileName, cancellationToken);
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new UnprocessableContentException($"'{fileName}' is encrypted (password-protected). Remove the password and upload it again.", e);
        }
    }

    private static ReadDocument ReadPages(PdfDocument pdf, string fileName, CancellationToken cancellationToken)
    {
        var sections = new List<DocumentSection>();
        var pagesWithImages = 0;
        foreach (var page in pdf.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = PageText(page);
            if (text.Length > 0) sections.Add(new DocumentSection(text, page.Number));
            else if (page.NumberOfImages > 0) pagesWithImages++;
        }
        if (sections.Count == 0)
            throw new UnprocessableContentException(pagesWithImages > 0
                ? $"'{fileName}' has no extractable text: it looks like a scanned image. Run OCR first."
                : $"'{fileName}' has no extractable text on any of its {pdf.NumberOfPages} page(s).");
        return new ReadDocument(sections, string.IsNullOrWhiteSpace(pdf.Information.Title) ? null : pdf.Information.Title.Trim());
    }

    private static string PageText(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters).Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        if (words.Count == 0) return "";
        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(Segmenter.GetBlocks(words));
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            if (text.Length > 0) text.Append("\n\n");
            text.Append(block.Text.Trim());
        }
        return text.ToString().Trim();
    }

    // Lenient parsing recovers whatever objects it can find, so a file cut short in transfer would be
    // stored with pages silently missing; the end-of-file marker tells a complete file from a cut one.
    private static void EnsureComplete(byte[] content, string fileName)
    {
        if (content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) < 0)
            throw new UnprocessableContentException($"'{fileName}' is not a PDF document: it does not start with a PDF header.");
        var tail = content.AsSpan(Math.Max(0, content.Length - 1024));
        if (tail.IndexOf("%%EOF"u8) < 0)
            throw new UnprocessableContentException($"'{fileName}' is an incomplete PDF (it does not end with %%EOF): the file was probably cut short during upload or download.");
    }
}
