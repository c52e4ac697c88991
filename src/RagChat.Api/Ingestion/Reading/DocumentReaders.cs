using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Chooses the reader for an upload. Content decides where it can: a PDF or Office signature picks its
/// reader whatever the name says, and a recognised non-document (an image, an executable) is refused with
/// what it really is. Text has no signature, so for text the extension chooses, with HTML and JSON also
/// recognised by content when the name says only ".txt" or nothing.
/// </summary>
public sealed class DocumentReaders
{
    private static readonly HashSet<string> BinaryFormats = ["pdf", "docx", "pptx", "xlsx"];

    private static readonly Dictionary<string, string> Names = new()
    {
        ["pdf"] = "a PDF document", ["docx"] = "a Word document", ["pptx"] = "a PowerPoint presentation", ["xlsx"] = "an Excel workbook",
        ["txt"] = "text", ["md"] = "Markdown text", ["html"] = "an HTML page", ["csv"] = "CSV text", ["json"] = "JSON",
    };

    private readonly Dictionary<string, IDocumentReader> _byExtension;
    private readonly Dictionary<string, IDocumentReader> _byFormat;

    public DocumentReaders(IEnumerable<IDocumentReader> readers)
    {
        var all = readers.ToList();
        _byExtension = all.SelectMany(r => r.Extensions.Select(e => (Extension: e, Reader: r)))
            .ToDictionary(x => x.Extension, x => x.Reader, StringComparer.OrdinalIgnoreCase);
        _byFormat = all.ToDictionary(r => r.Format, StringComparer.OrdinalIgnoreCase);
        SupportedExtensions = [.. _byExtension.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The extensions some reader accepts (".csv", ".docx" …), in order, for messages and docs.</summary>
    public IReadOnlyCollection<string> SupportedExtensions { get; }

    public async Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Length == 0) throw new UnprocessableContentException($"'{fileName}' is empty.");
        var document = await Choose(content, fileName).ReadAsync(content, fileName, cancellationToken);
        if (document.Sections.All(s => string.IsNullOrWhiteSpace(s.Text)))
            throw new UnprocessableContentException($"'{fileName}' contains no text.");
        return document;
    }

    /// <summary>The reader for this content and name; 415 for formats no reader handles, 422 for mislabelled content.</summary>
    public IDocumentReader Choose(byte[] content, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        var named = _byExtension.GetValueOrDefault(extension);
        var (format, description) = ContentSniffer.Sniff(content, fileName, namedPdf: named?.Format == "pdf");

        if (format is not null && _byFormat.TryGetValue(format, out var sniffed)) return sniffed;
        if (description is not null)
            throw named is not null
                ? new UnprocessableContentException($"'{fileName}' is {description}, not {NameOf(named)}.")
                : new UnsupportedMediaTypeException($"'{fileName}' is {description}, which is not a supported format. Supported: {Supported}.");

        if (named is not null && BinaryFormats.Contains(named.Format))
            throw new UnprocessableContentException($"'{fileName}' is not {NameOf(named)}: {WhatTextLooksLike(content)}.");
        // A fetched "page.php" or "Node.js" is often an HTML page; content can still tell.
        if (named is null && extension.Length > 0)
            return ByTextContent(content)
                ?? throw new UnsupportedMediaTypeException($"Files of type '{extension}' are not supported. Supported: {Supported}.");
        if (named is null || named.Format == "txt")
            return ByTextContent(content) ?? named ?? _byFormat.GetValueOrDefault("txt")
                ?? throw new UnsupportedMediaTypeException($"'{fileName}' has no extension. Supported: {Supported}.");
        return named;
    }

    private string Supported => string.Join(", ", SupportedExtensions);

    /// <summary>The HTML or JSON reader when the text says it is one; null for other text and for non-text.</summary>
    private IDocumentReader? ByTextContent(byte[] content)
    {
        if (!TextDecoder.TryDecode(content, out var text)) return null;
        if (ContentSniffer.LooksLikeHtml(text)) return _byFormat.GetValueOrDefault("html");
        return JsonReader.IsJson(text) ? _byFormat.GetValueOrDefault("json") : null;
    }

    private static string WhatTextLooksLike(byte[] content)
    {
        if (!TextDecoder.TryDecode(content, out var text)) return "its content is not a format RagChat recognises";
        if (ContentSniffer.LooksLikeHtml(text)) return "it is an HTML page";
        return JsonReader.IsJson(text) ? "it is JSON" : "it is plain text";
    }

    private static string NameOf(IDocumentReader reader) => Names.GetValueOrDefault(reader.Format) ?? $"a {reader.Format} file";
}
