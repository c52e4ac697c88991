using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RagChat.Eval;

/// <summary>The evaluator's only way in: RagChat's public HTTP API, as any user would call it.</summary>
public sealed partial class RagChatClient(HttpClient http)
{
    public async Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            (await http.GetAsync("/health/ready", cancellationToken)).EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"RagChat is not ready at {http.BaseAddress} ({e.Message}). Start it with 'dotnet run --project src/RagChat.Api'.", e);
        }
    }

    public async Task IngestAsync(string collection, string id, string title, string text, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync("/api/documents", new { id = DocumentId(id), title, text, collection }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Ingesting {id} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>The documents of the top chunks, best first, each document once (its best chunk's rank).</summary>
    public async Task<IReadOnlyList<string>> SearchDocumentsAsync(string collection, string query, string mode, FusionOverride? fusion, int topK, bool firstChunkOnly, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync("/api/search", new { query, collection, topK, minScore = -1, mode, fusion }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Search failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("results").EnumerateArray()
            .Where(r => !firstChunkOnly || r.GetProperty("index").GetInt32() == 0)
            .Select(r => r.GetProperty("documentId").GetString()!).Distinct().ToList();
    }

    /// <summary>Data-set ids as RagChat document ids (letters, digits, '.', '_', '-', ':', '@').</summary>
    public static string DocumentId(string id) => NotIdCharacter().Replace(id, "_");

    [GeneratedRegex(@"[^\p{L}\p{N}._\-:@]")]
    private static partial Regex NotIdCharacter();
}
