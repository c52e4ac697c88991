namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// A part of a document and where it sits: <paramref name="Page"/> is the PDF page or the slide number
/// (1-based); <paramref name="HeadingPath"/> the headings above it ("Setup > Docker"), a slide title, a sheet
/// name, or a range of records ("rows 1-50").
/// </summary>
public sealed record DocumentSection(string Text, int? Page = null, string? HeadingPath = null);

/// <summary>What a reader got out of a file: its sections in reading order and, when the file says, a title.</summary>
public sealed record ReadDocument(IReadOnlyList<DocumentSection> Sections, string? Title)
{
    public string FullText => string.Join("\n\n", Sections.Select(s => s.Text));
}

/// <summary>One reader per file format.</summary>
public interface IDocumentReader
{
    /// <summary>The format's short name ("pdf", "docx", "txt"…), as content sniffing reports it.</summary>
    string Format { get; }

    /// <summary>File extensions this reader accepts, lower case with the dot (".md").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>
    /// Reads the file. Throws <see cref="Common.UnprocessableContentException"/> (422) when the content is broken,
    /// encrypted or holds no text, and <see cref="Common.PayloadTooLargeException"/> (413) when it would unpack too large.
    /// </summary>
    Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken);
}
