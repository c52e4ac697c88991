using System.Text;
using AngleSharp.Dom;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// One pass over an HTML DOM feeding a <see cref="SectionBuilder"/>: enter and exit events live on a heap
/// stack rather than the call stack, so 10,000 nested elements cost memory, not a stack overflow.
/// </summary>
internal sealed class HtmlTextWalker(bool rootIsContent)
{
    private static readonly HashSet<string> Dropped =
        ["script", "style", "noscript", "template", "nav", "aside", "form", "svg", "iframe", "head", "button", "select", "canvas", "object", "embed", "dialog"];

    // A page's header and footer are chrome; an article's own header holds its title.
    private static readonly HashSet<string> Chrome = ["header", "footer"];

    private static readonly HashSet<string> Blocks =
    [
        "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
        "header", "footer", "hr", "li", "main", "ol", "p", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
    ];

    // Items and rows follow each other line by line; other blocks are paragraphs of their own.
    private static readonly HashSet<string> LineBlocks = ["li", "tr", "dt", "dd"];

    private readonly StringBuilder _line = new();
    private readonly StringBuilder _heading = new();
    private int? _headingLevel;
    private int _preDepth;
    private int _cellsInRow;

    public SectionBuilder Sections { get; } = new();

    public IReadOnlyList<DocumentSection> Walk(IElement root, CancellationToken cancellationToken)
    {
        var stack = new Stack<(INode Node, bool Exit, bool InContent)>([(root, false, rootIsContent)]);
        var visited = 0;
        while (stack.Count > 0)
        {
            if (++visited % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            var (node, exit, inContent) = stack.Pop();
            if (node is IText text) { AppendText(text.Data); continue; }
            if (node is not IElement element) continue;
            var name = element.LocalName;
            if (exit) { Leave(name); continue; }
            if (IsHidden(element, name, inContent)) continue;

            Enter(name);
            stack.Push((element, true, inContent));
            var childInContent = inContent || name is "main" or "article";
            for (var i = element.ChildNodes.Length - 1; i >= 0; i--) stack.Push((element.ChildNodes[i], false, childInContent));
        }
        FlushLine(asLine: false);
        return Sections.Build();
    }

    private static bool IsHidden(IElement element, string name, bool inContent) =>
        Dropped.Contains(name) || (Chrome.Contains(name) && !inContent)
        || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true"
        || (element.GetAttribute("style")?.Replace(" ", "").Contains("display:none", StringComparison.OrdinalIgnoreCase) ?? false);

    private void Enter(string name)
    {
        if (HeadingLevel(name) is { } level && _headingLevel is null)
        {
            FlushLine(asLine: false);
            _headingLevel = level;
            _heading.Clear();
        }
        else if (name == "pre") { FlushLine(asLine: false); _preDepth++; }
        else if (name == "br") AppendText("\n");
        else if (name is "td" or "th") { if (_cellsInRow++ > 0) _line.Append(" | "); }
        else if (Blocks.Contains(name))
        {
            FlushLine(asLine: LineBlocks.Contains(name));
            if (name == "tr") _cellsInRow = 0;
            if (name == "li") _line.Append("- ");
        }
    }

    private void Leave(string name)
    {
        if (HeadingLevel(name) == _headingLevel && _headingLevel is { } level)
        {
            Sections.Heading(level, _heading.ToString());
            _headingLevel = null;
        }
        else if (name == "pre" && _preDepth > 0)
        {
            if (--_preDepth == 0) { Sections.Paragraph(_line.ToString().TrimEnd()); _line.Clear(); }
        }
        else if (Blocks.Contains(name)) FlushLine(asLine: LineBlocks.Contains(name));
    }

    private void AppendText(string text)
    {
        if (_headingLevel is not null) _heading.Append(text);
        else _line.Append(text);
    }

    private void FlushLine(bool asLine)
    {
        if (_preDepth > 0) return;
        // <br> breaks lines inside a block; everything else about HTML whitespace collapses.
        var lines = _line.ToString().Split('\n').Select(SectionBuilder.Clean).Where(l => l.Length > 0 && l != "-").ToList();
        _line.Clear();
        if (lines.Count == 0) return;
        if (asLine) Sections.Line(string.Join("\n", lines));
        else Sections.Paragraph(string.Join("\n", lines));
    }

    private static int? HeadingLevel(string name) => name is ['h', >= '1' and <= '6'] ? name[1] - '0' : null;
}
