using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// The main text of a web page: scripts, styles, navigation, forms and page chrome are dropped, and
/// &lt;main&gt; (or a lone &lt;article&gt;) is preferred over the whole body. Headings h1-h6 split it into
/// sections with heading paths. The DOM is walked with an explicit stack, never recursively, because a
/// hostile page can nest elements deeper than the thread's stack.
/// </summary>
public sealed partial class HtmlReader : IDocumentReader
{
    public string Format => "html";

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var text = Decode(content, fileName);
        return Task.FromResult(ReaderGuard.Read(fileName, "an HTML page", () => Read(text, cancellationToken)));
    }

    /// <summary>
    /// UTF-8, UTF-16 or EUC-KR first, like other text; failing those, the charset the page declares
    /// (windows-1252, Shift_JIS …), as browsers do for the older pages a URL ingestion meets.
    /// </summary>
    private static string Decode(byte[] content, string fileName)
    {
        if (TextDecoder.TryDecode(content, out var text)) return text;
        var head = Encoding.Latin1.GetString(content, 0, Math.Min(content.Length, 4096));
        if (content.AsSpan().IndexOf((byte)0) < 0 && MetaCharset().Match(head) is { Success: true } match)
        {
            try { return Encoding.GetEncoding(match.Groups[1].Value).GetString(content); }
            catch (ArgumentException) { } // an unknown charset name: report the content as undecodable below
        }
        return TextDecoder.Decode(content, fileName);
    }

    private static ReadDocument Read(string html, CancellationToken cancellationToken)
    {
        using var document = new HtmlParser().ParseDocument(html);
        var root = (IElement?)Find(document.DocumentElement, "main") ?? SingleArticle(document.DocumentElement) ?? document.Body ?? document.DocumentElement;
        var walker = new HtmlTextWalker(root.LocalName is "main" or "article");
        var sections = walker.Walk(root, cancellationToken);
        // Only the head's <title>: an <svg> in the body has titles of its own.
        var title = (document.Head is { } head ? Find(head, "title") : null)?.TextContent is { } t && !string.IsNullOrWhiteSpace(t)
            ? SectionBuilder.Clean(t)
            : walker.Sections.FirstHeading(1);
        return new ReadDocument(sections, title);
    }

    private static IElement? Find(IElement root, string name) => Descendants(root).FirstOrDefault(e => e.LocalName == name);

    private static IElement? SingleArticle(IElement root)
    {
        var articles = Descendants(root).Where(e => e.LocalName == "article").Take(2).ToList();
        return articles.Count == 1 ? articles[0] : null;
    }

    private static IEnumerable<IElement> Descendants(IElement root)
    {
        var stack = new Stack<IElement>([root]);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            for (var i = element.Children.Length - 1; i >= 0; i--) stack.Push(element.Children[i]);
        }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
