using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Excel stores dates as day numbers (45292 is 2024-01-01) and only the cell's number format says so.
/// Read raw, a date would be a meaningless number in every chunk; this finds the date formats and writes ISO dates.
/// </summary>
internal static partial class ExcelDates
{
    private const double MinSerial = -657435, MaxSerial = 2958465; // the range DateTime.FromOADate accepts

    /// <summary>Indexes into the workbook's cell formats (a cell's StyleIndex) whose number format shows a date or time.</summary>
    public static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var customDates = (stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            .Where(f => f.NumberFormatId?.Value is not null && f.FormatCode?.Value is { } code && IsDateFormat(code))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet();
        var styles = new HashSet<uint>();
        var index = 0u;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            // 14-22 and 45-47 are Excel's built-in date and time formats.
            if (format.NumberFormatId?.Value is { } id && (id is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(id))) styles.Add(index);
            index++;
        }
        return styles;
    }

    /// <summary>The serial number <paramref name="raw"/> as an ISO date (and time, when it has one), or null when it is no date.</summary>
    public static string? Format(string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || serial is < MinSerial or > MaxSerial) return null;
        var value = DateTime.FromOADate(serial);
        return serial is >= 0 and < 1 ? value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : value.TimeOfDay == TimeSpan.Zero ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    // Quoted literals and [colour]/[locale] sections can hold letters that are not date parts.
    private static bool IsDateFormat(string code) => DatePart().IsMatch(Literals().Replace(code, ""));

    [GeneratedRegex(@"""[^""]*""|\[[^\]]*\]|\\.")]
    private static partial Regex Literals();

    [GeneratedRegex("[dDyYhH]")]
    private static partial Regex DatePart();
}
