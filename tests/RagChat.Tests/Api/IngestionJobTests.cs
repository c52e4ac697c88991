using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>Asynchronous uploads, idempotent re-ingestion, tag changes and chunk previews, through HTTP.</summary>
public sealed class IngestionJobTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Form(string collection, params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(collection), "collection" } };
        foreach (var (name, text) in files) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    private async Task<JsonElement> WaitForJobAsync(string location)
    {
        for (var i = 0; i < 200; i++)
        {
            var status = await _client.GetFromJsonAsync<JsonElement>(location, Ct);
            if (status.GetProperty("state").GetString() is "succeeded" or "failed") return status;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"{location} did not finish");
    }

    [Fact]
    public async Task AnUploadAnswers202WithAJobThatSucceeds()
    {
        var collection = AppFixture.NewCollection();

        var response = await _client.PostAsync("/api/documents/upload", Form(collection, ("notes.md", "# Notes\n\nMLflow tracks experiments.")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/api/jobs/job-", location);
        var status = await WaitForJobAsync(location);
        Assert.Equal("succeeded", status.GetProperty("state").GetString());
        Assert.Equal("notes.md", status.GetProperty("result").GetProperty("documentId").GetString());
        Assert.Equal(status.GetProperty("chunksTotal").GetInt32(), status.GetProperty("chunksDone").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/documents/notes.md?collection={collection}", Ct)).StatusCode);
    }

    [Fact]
    public async Task SeveralFilesMakeSeveralJobs()
    {
        var collection = AppFixture.NewCollection();

        var response = await _client.PostAsync("/api/documents/upload", Form(collection, ("a.txt", "First file."), ("b.txt", "Second file.")), Ct);

        var jobs = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        foreach (var job in jobs) Assert.Equal("succeeded", (await WaitForJobAsync(job.GetProperty("status").GetString()!)).GetProperty("state").GetString());
        Assert.Equal(2, (await _client.GetFromJsonAsync<JsonElement>($"/api/documents?collection={collection}", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task AJobThatFailsSaysWhyAndStoresNothing()
    {
        var collection = AppFixture.NewCollection();

        var response = await _client.PostAsync("/api/documents/upload", Form(collection, ("blank.txt", "   \n\n  ")), Ct);
        var status = await WaitForJobAsync(response.Headers.Location!.ToString());

        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Equal(422, status.GetProperty("error").GetProperty("status").GetInt32());
        Assert.Contains("no text", status.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>($"/api/documents?collection={collection}", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task JobEventsStreamProgressAndEndWithDone()
    {
        var collection = AppFixture.NewCollection();
        var text = string.Join("\n\n", Enumerable.Range(0, 60).Select(i => $"Paragraph {i} explains one more detail of the long handbook."));
        var response = await _client.PostAsync("/api/documents/upload", Form(collection, ("handbook.txt", text)), Ct);

        using var events = await _client.GetAsync(response.Headers.Location + "/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        var all = await SseReader.ReadAllAsync(events);

        Assert.Equal("done", all[^1].Name);
        Assert.Equal("succeeded", all[^1].Data.GetProperty("state").GetString());
        Assert.All(all[..^1], e => Assert.Equal("progress", e.Name));
    }

    [Fact]
    public async Task AnUnknownJobIs404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/jobs/job-nope", Ct)).StatusCode);
    }

    [Fact]
    public async Task IdenticalContentIsANoOpAndChangedContentReembedsOnlyNewChunks()
    {
        var collection = AppFixture.NewCollection();
        var paragraphs = Enumerable.Range(0, 30).Select(i => $"Section {i} of the guide describes step {i} of the install in plain words.").ToList();
        var first = await _client.IngestAsync(new { id = "guide", text = string.Join("\n\n", paragraphs), collection });

        var again = await _client.PostAsJsonAsync("/api/documents", new { id = "guide", text = string.Join("\n\n", paragraphs), collection }, Ct);
        paragraphs[^1] = "The last section changed completely and now talks about upgrades.";
        var changed = await _client.IngestAsync(new { id = "guide", text = string.Join("\n\n", paragraphs), collection });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var unchanged = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(unchanged.GetProperty("unchanged").GetBoolean());
        Assert.Equal(0, unchanged.GetProperty("embeddedChunks").GetInt32());
        Assert.True(changed.GetProperty("replaced").GetBoolean());
        Assert.InRange(changed.GetProperty("embeddedChunks").GetInt32(), 1, first.GetProperty("chunkCount").GetInt32() - 1);
    }

    [Fact]
    public async Task TagsArePatchedAndFilterSearch()
    {
        var collection = AppFixture.NewCollection();
        await _client.IngestAsync(new { id = "doc", text = Fixtures.MlflowText, tags = new[] { "team:ml" }, collection });

        var patched = await _client.PatchAsJsonAsync($"/api/documents/doc?collection={collection}", new { addTags = new[] { "team:ops", "lang:en" }, removeTags = new[] { "team:ml" } }, Ct);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var summary = await patched.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["lang:en", "team:ops"], summary.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
        var hits = await _client.PostJsonAsync("/api/search", new { query = "MLflow", collection, minScore = -1, filter = new { tags = new[] { "team:ops" } } });
        Assert.Single(hits.GetProperty("results").EnumerateArray());
        var none = await _client.PostJsonAsync("/api/search", new { query = "MLflow", collection, minScore = -1, filter = new { tags = new[] { "team:ml" } } });
        Assert.Empty(none.GetProperty("results").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PatchAsJsonAsync($"/api/documents/nope?collection={collection}", new { tags = new[] { "a:b" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PatchAsJsonAsync($"/api/documents/doc?collection={collection}", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task ChunkPreviewShowsChunksWithoutStoringThem()
    {
        var text = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"Sentence {i} is here."));

        var preview = await _client.PostJsonAsync("/api/chunk-preview", new { text });
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("# Title\n\nSome text.")), "file", "x.md" } };
        var filePreview = await _client.PostAsync("/api/chunk-preview", form, Ct);

        var chunks = preview.GetProperty("chunks").EnumerateArray().ToList();
        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.GetProperty("tokenCount").GetInt32() <= preview.GetProperty("chunkTokens").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, filePreview.StatusCode);
        Assert.DoesNotContain((await _client.GetFromJsonAsync<JsonElement>("/api/documents", Ct)).EnumerateArray(), d => d.GetProperty("id").GetString() == "x.md");
    }
}
