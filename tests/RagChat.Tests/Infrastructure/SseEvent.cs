using System.Text.Json;

namespace RagChat.Tests.Infrastructure;

public sealed record SseEvent(string Name, JsonElement Data);

public static class SseReader
{
    /// <summary>Reads named events from a text/event-stream body until it ends.</summary>
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body);
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null) yield return new SseEvent(name, JsonDocument.Parse(string.Join("\n", data)).RootElement.Clone());
                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Add(line["data: ".Length..]);
        }
    }

    public static async Task<List<SseEvent>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<SseEvent>();
        await foreach (var e in ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);
        return events;
    }
}
