using System.Text;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// RFC 4180 records: fields may be quoted, and quoted fields may hold delimiters, doubled quotes and line
/// breaks. Lenient where spreadsheets are (a space before an opening quote); strict about a quote left open,
/// which would otherwise swallow the rest of the file into one field.
/// </summary>
internal static class CsvParser
{
    /// <summary>The delimiter the header line uses most: comma, semicolon (European Excel) or tab.</summary>
    public static char DetectDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var firstLine = end < 0 ? text : text[..end];
        return new[] { ',', ';', '\t' }.MaxBy(d => firstLine.Count(c => c == d));
    }

    public static List<string[]> Parse(string text, char delimiter, string fileName)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, recordHasContent = false;
        int line = 1, quoteLine = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            if (c == '"' && IsBlank(field)) { field.Clear(); quoted = true; quoteLine = line; recordHasContent = true; }
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); recordHasContent = true; }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                line++;
                EndRecord();
            }
            else { field.Append(c); recordHasContent = true; }
        }
        if (quoted)
            throw new UnprocessableContentException($"'{fileName}' has a quoted field that is never closed: the quote opens on line {quoteLine}.");
        EndRecord();
        return records;

        void EndRecord()
        {
            if (recordHasContent)
            {
                fields.Add(field.ToString());
                records.Add([.. fields]);
            }
            fields.Clear();
            field.Clear();
            recordHasContent = false;
        }
    }

    private static bool IsBlank(StringBuilder field)
    {
        for (var i = 0; i < field.Length; i++)
            if (!char.IsWhiteSpace(field[i])) return false;
        return true;
    }
}
