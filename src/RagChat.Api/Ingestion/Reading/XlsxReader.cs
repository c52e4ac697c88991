using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// One section per visible worksheet, headed by the sheet name. When the first row looks like column
/// headers, every other row reads "Header: value; Header: value" so a chunk of rows still says what each
/// number means; otherwise cells are joined by " | ". Rows are streamed, not loaded as one DOM.
/// </summary>
public sealed class XlsxReader : OfficeReader
{
    public override string Format => "xlsx";

    protected override ReadDocument Read(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
        var workbook = document.WorkbookPart ?? throw new UnprocessableContentException($"'{fileName}' is not an Excel workbook: it has no workbook part.");
        var cells = new CellText(
            workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(StringItemText).ToArray() ?? [],
            ExcelDates.DateStyles(workbook));
        var sections = new List<DocumentSection>();
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            // Hidden sheets hold lookup tables and scratch work, not what the author shows readers.
            if (sheet.State?.Value is { } state && state != SheetStateValues.Visible) continue;
            if (sheet.Id?.Value is not { } id || !workbook.TryGetPartById(id, out var part) || part is not WorksheetPart worksheet) continue;
            var text = SheetText(Rows(worksheet, cells, cancellationToken));
            if (text.Length > 0) sections.Add(new DocumentSection(text, HeadingPath: sheet.Name?.Value ?? $"Sheet {sections.Count + 1}"));
        }
        return new ReadDocument(sections, document.PackageProperties.Title is { } t && !string.IsNullOrWhiteSpace(t) ? t.Trim() : null);
    }

    /// <summary>Non-empty rows as (column, value) pairs; A is column 0. Sparse, since a cell can sit at column XFD.</summary>
    private static List<(int Column, string Value)[]> Rows(WorksheetPart worksheet, CellText cells, CancellationToken cancellationToken)
    {
        var rows = new List<(int, string)[]>();
        using var reader = OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            cancellationToken.ThrowIfCancellationRequested();
            var row = new List<(int Column, string Value)>();
            foreach (var cell in ((Row)reader.LoadCurrentElement()!).Elements<Cell>())
            {
                var value = SectionBuilder.Clean(cells.Of(cell));
                var column = ColumnIndex(cell.CellReference?.Value) ?? (row.Count > 0 ? row[^1].Column + 1 : 0);
                if (value.Length > 0) row.Add((column, value));
            }
            if (row.Count > 0) rows.Add([.. row]);
        }
        return rows;
    }

    private static string SheetText(List<(int Column, string Value)[]> rows)
    {
        if (rows.Count == 0) return "";
        var header = rows[0];
        var hasHeaders = rows.Count > 1 && header.Select(c => c.Value).Distinct().Count() == header.Length
            && header.All(c => !double.TryParse(c.Value, NumberStyles.Any, CultureInfo.InvariantCulture, out _));
        if (!hasHeaders) return string.Join("\n", rows.Select(row => string.Join(" | ", row.Select(c => c.Value))));

        var names = header.DistinctBy(c => c.Column).ToDictionary(c => c.Column, c => c.Value);
        return string.Join("\n", rows.Skip(1).Select(row =>
            string.Join("; ", row.Select(c => $"{names.GetValueOrDefault(c.Column) ?? ColumnName(c.Column)}: {c.Value}"))));
    }

    /// <summary>A cell's value as shown: shared and inline strings resolved, booleans named, dates as ISO dates.</summary>
    private sealed class CellText(string[] shared, HashSet<uint> dateStyles)
    {
        public string Of(Cell cell)
        {
            var raw = cell.CellValue?.Text ?? "";
            var type = cell.DataType?.Value;
            if (type == CellValues.SharedString)
                return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Length ? shared[index] : "";
            if (type == CellValues.InlineString) return cell.InlineString is { } inline ? StringItemText(inline) : raw;
            if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
            if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style))
                return ExcelDates.Format(raw) ?? raw;
            return raw;
        }
    }

    // Phonetic guides (furigana) are runs of their own; only the text and rich-text runs are the value.
    private static string StringItemText(OpenXmlElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
            if (++letters > 3) return null;
        }
        return letters == 0 ? null : index - 1;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
