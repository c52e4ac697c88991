using System.Net.Http.Headers;

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>
/// Names a fetched document the way a browser would save it, because the readers pick a format by
/// content and extension: Content-Disposition first, then the URL's last segment, then "index".
/// </summary>
public static class FetchedFileNames
{
    private const int MaxLength = 200;

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/html"] = ".html",
        ["application/xhtml+xml"] = ".html",
        ["application/pdf"] = ".pdf",
        ["text/plain"] = ".txt",
        ["application/json"] = ".json",
        ["text/csv"] = ".csv",
        ["text/markdown"] = ".md",
        ["text/x-markdown"] = ".md",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ".pptx",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
    };

    public static string For(Uri finalUri, ContentDispositionHeaderValue? disposition, string? mediaType)
    {
        var extension = mediaType is not null && Extensions.TryGetValue(mediaType, out var known) ? known : "";
        var fromHeader = Clean(disposition?.FileNameStar ?? disposition?.FileName);
        if (fromHeader is not null) return fromHeader;

        var fromPath = Clean(Uri.UnescapeDataString(finalUri.Segments[^1].TrimEnd('/')));
        // "/wiki/Retrieval" names an HTML page; without the extension the readers would have to guess.
        if (fromPath is not null) return Path.HasExtension(fromPath) ? fromPath : Limit(fromPath + extension);
        return "index" + extension;
    }

    /// <summary>Only the last part of a name, without quotes, folders or control characters; null when nothing usable is left.</summary>
    private static string? Clean(string? name)
    {
        if (name is null) return null;
        name = name.Trim().Trim('"').Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim().TrimStart('.');
        return name.Length == 0 ? null : Limit(name);
    }

    private static string Limit(string name)
    {
        if (name.Length <= MaxLength) return name;
        var extension = Path.GetExtension(name);
        return extension.Length < 16 ? name[..(MaxLength - extension.Length)] + extension : name[..MaxLength];
    }
}
