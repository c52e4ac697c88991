using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagChat.Tests.Infrastructure;

public static class ApiClient
{
    public static async Task<JsonElement> IngestAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/documents", body, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"ingest failed: {(int)response.StatusCode} {json}");
        return json;
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, int expectedStatus = 200)
    {
        var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expectedStatus == (int)response.StatusCode, $"{path}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<List<SseEvent>> StreamAsync(this HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream") { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await SseReader.ReadAllAsync(response);
    }

    /// <summary>Posts one file, and optionally its collection, to the synchronous upload endpoint (?wait=true).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string fileName, byte[] content, string? collection = null)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        if (collection is not null) form.Add(new StringContent(collection), "collection");
        return await client.PostAsync("/api/documents/upload?wait=true", form, TestContext.Current.CancellationToken);
    }

    /// <inheritdoc cref="UploadAsync(HttpClient, string, byte[], string?)"/>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string fileName, string text, string? collection = null) =>
        client.UploadAsync(fileName, Encoding.UTF8.GetBytes(text), collection);

    /// <summary>Ingests the MLflow text (id "mlflow") and <see cref="Fixtures.Unrelated"/> (ids "other-N") into <paramref name="collection"/>, or the default one.</summary>
    public static async Task SeedMlflowCorpusAsync(this HttpClient client, string? collection = null)
    {
        await client.IngestAsync(new { id = "mlflow", title = "MLflow", text = Fixtures.MlflowText, collection });
        for (var i = 0; i < Fixtures.Unrelated.Length; i++)
            await client.IngestAsync(new { id = $"other-{i}", text = Fixtures.Unrelated[i], collection });
    }
}
