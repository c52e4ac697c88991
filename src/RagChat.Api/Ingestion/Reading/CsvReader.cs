using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// CSV (and TSV) with the first row as headers: each record becomes one line "Header: value; Header: value",
/// so a chunk of rows still says what each value means. Records are grouped into sections of
/// <see cref="RecordsPerSection"/>, headed "rows 1-50", which is what a citation points at.
/// </summary>
public sealed class CsvReader : IDocumentReader
{
    public const int RecordsPerSection = 50;

    public string Format => "csv";

    public IReadOnlyCollection<string> Extensions { get; } = [".csv", ".tsv"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(content, fileName);
        var delimiter = Path.GetExtension(fileName).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : CsvParser.DetectDelimiter(text);
        var records = CsvParser.Parse(text, delimiter, fileName).Where(r => r.Any(f => !string.IsNullOrWhiteSpace(f))).ToList();
        if (records.Count < 2)
            throw new UnprocessableContentException($"'{fileName}' has no data rows: a CSV file needs a header row and at least one record.");

        var headers = records[0].Select(SectionBuilder.Clean).ToArray();
        var lines = records.Skip(1).Select(record => RecordLine(headers, record)).ToList();
        var sections = lines.Chunk(RecordsPerSection).Select((chunk, i) =>
        {
            var first = i * RecordsPerSection + 1;
            return new DocumentSection(string.Join("\n", chunk), HeadingPath: $"rows {first}-{first + chunk.Length - 1}");
        }).ToList();
        return Task.FromResult(new ReadDocument(sections, null));
    }

    private static string RecordLine(string[] headers, string[] record) => string.Join("; ", record
        .Select((value, column) => (Value: SectionBuilder.Clean(value), Column: column))
        .Where(f => f.Value.Length > 0)
        .Select(f => $"{(f.Column < headers.Length && headers[f.Column].Length > 0 ? headers[f.Column] : $"column {f.Column + 1}")}: {f.Value}"));
}
