using System.Text.Json;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// JSON as key/value text. An array is a list of records: one line each ("name: Kim; address.city: Seoul",
/// nested objects flattened to dotted keys), grouped into sections of <see cref="RecordsPerSection"/> headed
/// "records 1-50". Any other value becomes its flattened "key: value" lines.
/// </summary>
public sealed class JsonReader : IDocumentReader
{
    public const int RecordsPerSection = 50;

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    public string Format => "json";

    public IReadOnlyCollection<string> Extensions { get; } = [".json"];

    /// <summary>Whether text parses as JSON, for content sniffing of files without a telling extension.</summary>
    public static bool IsJson(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] is not ('{' or '[')) return false;
        try { using var _ = JsonDocument.Parse(text, Options); return true; }
        catch (JsonException) { return false; }
    }

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        using var json = Parse(TextDecoder.Decode(content, fileName), fileName);
        var root = json.RootElement;
        var sections = root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().Select(item => string.Join("; ", Flatten(item, ""))).Where(line => line.Length > 0)
                .Chunk(RecordsPerSection)
                .Select((chunk, i) => new DocumentSection(string.Join("\n", chunk), HeadingPath: $"records {i * RecordsPerSection + 1}-{i * RecordsPerSection + chunk.Length}"))
                .ToList()
            : [new DocumentSection(string.Join("\n", Flatten(root, "")))];
        if (sections.All(s => s.Text.Length == 0))
            throw new UnprocessableContentException($"'{fileName}' is valid JSON but holds no values to read.");
        return Task.FromResult(new ReadDocument(sections, null));
    }

    private static JsonDocument Parse(string text, string fileName)
    {
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            // The parser's message ends with its own "Path: … | LineNumber: …" (0-based); people count lines from 1.
            var reason = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].Trim().TrimEnd('.');
            throw new UnprocessableContentException(
                $"'{fileName}' is not valid JSON: {reason} (line {e.LineNumber + 1 ?? 1}, byte {e.BytePositionInLine + 1 ?? 1} of that line).", e);
        }
    }

    /// <summary>"key: value" pairs with dotted keys for nested objects and [i] for arrays of objects.</summary>
    private static IEnumerable<string> Flatten(JsonElement element, string key)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                foreach (var line in Flatten(property.Value, key.Length > 0 ? $"{key}.{property.Name}" : property.Name))
                    yield return line;
                break;
            case JsonValueKind.Array when element.EnumerateArray().All(IsScalar):
                var values = string.Join(", ", element.EnumerateArray().Select(Scalar).Where(v => v.Length > 0));
                if (values.Length > 0) yield return key.Length > 0 ? $"{key}: {values}" : values;
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                foreach (var line in Flatten(item, $"{key}[{index++}]"))
                    yield return line;
                break;
            default:
                var scalar = Scalar(element);
                if (scalar.Length > 0) yield return key.Length > 0 ? $"{key}: {scalar}" : scalar;
                break;
        }
    }

    private static bool IsScalar(JsonElement element) => element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => SectionBuilder.Clean(element.GetString() ?? ""),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => element.GetRawText(),
    };
}
