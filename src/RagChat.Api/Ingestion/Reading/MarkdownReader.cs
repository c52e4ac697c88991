using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Markdown through Markdig's syntax tree: one section per heading with its heading path ("Setup > Docker"),
/// paragraphs, list items, code blocks and tables as text, without markup. The first level-1 heading is the
/// title; YAML front matter and raw HTML blocks are dropped.
/// </summary>
public sealed class MarkdownReader : IDocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().UseGridTables().Build();

    public string Format => "md";

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(content, fileName);
        return Task.FromResult(ReaderGuard.Read(fileName, "Markdown", () => Read(text, cancellationToken)));
    }

    private static ReadDocument Read(string markdown, CancellationToken cancellationToken)
    {
        var sections = new SectionBuilder();
        var stack = new Stack<Block>(Markdown.Parse(markdown, Pipeline).Reverse());
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (stack.Pop())
            {
                case YamlFrontMatterBlock or HtmlBlock: break;
                case HeadingBlock heading: sections.Heading(heading.Level, InlineText(heading.Inline)); break;
                case Table table: sections.Paragraph(TableText(table)); break;
                case CodeBlock code: sections.Paragraph(code.Lines.ToString()); break;
                case ParagraphBlock { Parent: ListItemBlock item } paragraph when item.Count > 0 && item[0] == paragraph:
                    sections.Line(ListMarker(item) + InlineText(paragraph.Inline));
                    break;
                case ParagraphBlock paragraph: sections.Paragraph(InlineText(paragraph.Inline)); break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--) stack.Push(container[i]);
                    break;
            }
        }
        return new ReadDocument(sections.Build(), sections.FirstHeading(1));
    }

    private static string ListMarker(ListItemBlock item)
    {
        var depth = 0;
        for (var parent = item.Parent?.Parent; parent is not null; parent = parent.Parent)
            if (parent is ListItemBlock) depth++;
        var marker = item.Parent is ListBlock { IsOrdered: true } list
            ? $"{(int.TryParse(list.OrderedStart, out var start) ? start : 1) + list.IndexOf(item)}. "
            : "- ";
        return new string(' ', 2 * depth) + marker;
    }

    private static string TableText(Table table) => string.Join("\n", table.OfType<TableRow>().Select(row =>
        string.Join(" | ", row.OfType<TableCell>().Select(cell =>
            SectionBuilder.Clean(string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))))))));

    /// <summary>The visible text of inlines: literal text, code, link text and image alt text, without markup.</summary>
    private static string InlineText(ContainerInline? root)
    {
        var text = new StringBuilder();
        var stack = new Stack<Inline>();
        PushChildren(stack, root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline lineBreak: text.Append(lineBreak.IsHard ? '\n' : ' '); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.AsSpan()); break;
                case AutolinkInline link: text.Append(link.Url); break;
                case ContainerInline container: PushChildren(stack, container); break;
            }
        }
        return text.ToString().Trim();
    }

    private static void PushChildren(Stack<Inline> stack, ContainerInline? container)
    {
        if (container is null) return;
        var children = new List<Inline>();
        for (var child = container.FirstChild; child is not null; child = child.NextSibling) children.Add(child);
        for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
    }
}
