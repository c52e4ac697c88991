using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

public sealed class DocumentLifecycleTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IngestReturnsIdChunkCountAndContentHash()
    {
        var collection = AppFixture.NewCollection();

        var result = await _client.IngestAsync(new { id = "doc1", text = "Hello world. This is a document.", collection });

        Assert.Equal("doc1", result.GetProperty("documentId").GetString());
        Assert.Equal(1, result.GetProperty("chunkCount").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", result.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task ReingestingAnIdReplacesItWithNoStaleChunks()
    {
        var collection = AppFixture.NewCollection();
        var longText = string.Join("\n\n", Enumerable.Range(0, 40).Select(i => $"Paragraph {i} talks about topic number {i} in some detail, with several words."));
        await _client.IngestAsync(new { id = "doc", text = longText, collection });

        var second = await _client.IngestAsync(new { id = "doc", text = "Zebras live in Africa.", collection });

        Assert.True(second.GetProperty("replaced").GetBoolean());
        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/documents/doc?collection={collection}", Ct);
        var chunk = Assert.Single(details.GetProperty("chunks").EnumerateArray());
        Assert.Equal("Zebras live in Africa.", chunk.GetProperty("text").GetString());
        var search = await _client.PostJsonAsync("/api/search", new { query = "topic number 7", collection, minScore = -1, topK = 50 });
        Assert.Single(search.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task ListGetAndDeleteADocument()
    {
        var collection = AppFixture.NewCollection();
        await _client.IngestAsync(new { id = "keep", text = "Keep me.", collection });
        await _client.IngestAsync(new { id = "drop", text = "Drop me, please.", collection, tags = new[] { "kind:temp" } });

        var listed = await _client.GetFromJsonAsync<JsonElement>($"/api/documents?collection={collection}", Ct);
        Assert.Equal(["drop", "keep"], listed.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var tagged = await _client.GetFromJsonAsync<JsonElement>($"/api/documents?collection={collection}&tag=kind:temp", Ct);
        Assert.Equal("drop", Assert.Single(tagged.EnumerateArray()).GetProperty("id").GetString());

        var deleted = await _client.DeleteAsync($"/api/documents/drop?collection={collection}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var gone = await _client.GetAsync($"/api/documents/drop?collection={collection}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        var search = await _client.PostJsonAsync("/api/search", new { query = "Drop me", collection, minScore = -1 });
        Assert.All(search.GetProperty("results").EnumerateArray(), r => Assert.Equal("keep", r.GetProperty("documentId").GetString()));
    }

    [Fact]
    public async Task UploadsAMarkdownFileWithItsHeadingAsTitle()
    {
        var collection = AppFixture.NewCollection();

        var response = await _client.UploadAsync("notes.md", "# Release notes\n\nVersion 2 adds streaming answers.", collection);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/documents/notes.md?collection={collection}", Ct);
        Assert.Equal("Release notes", details.GetProperty("document").GetProperty("title").GetString());
        Assert.Equal("notes.md", details.GetProperty("document").GetProperty("source").GetString());
    }

    [Fact]
    public async Task UploadOfAnUnsupportedFormatIs415AndStoresNothing()
    {
        var collection = AppFixture.NewCollection();

        var response = await _client.UploadAsync("setup.exe", [0x4D, 0x5A, 0x90, 0x00], collection);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(".exe", problem.GetProperty("detail").GetString());
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement>($"/api/documents?collection={collection}", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task BinaryContentNamedTxtIs422()
    {
        var response = await _client.UploadAsync("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task UploadedFileNameCannotEscapeIntoTheId()
    {
        var collection = AppFixture.NewCollection();

        var response = await _client.UploadAsync("../../etc/passwd.txt", "root:x:0:0", collection);

        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("passwd.txt", result.GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task BlankTextAndBadFieldsAre400WithFieldErrors()
    {
        var problem = await _client.PostJsonAsync("/api/documents", new { text = "   ", id = "bad/id", collection = "no spaces" }, 400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _));
        Assert.True(errors.TryGetProperty("id", out _));
        Assert.True(errors.TryGetProperty("collection", out _));
    }

    [Fact]
    public async Task EmptyQuestionIs400()
    {
        var problem = await _client.PostJsonAsync("/api/chat", new { question = "" }, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("question", out _));

        // An SSE client asks for text/event-stream only; the error still arrives as ProblemDetails.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream") { Content = JsonContent.Create(new { question = " " }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await _client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stream.StatusCode);
        Assert.Equal("application/problem+json", stream.Content.Headers.ContentType?.MediaType);
        var streamProblem = await stream.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("validation_failed", streamProblem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task MalformedJsonIs400ProblemDetails()
    {
        using var content = new StringContent("{\"text\": ", Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/documents", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bad_request", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AWrongContentTypeIs415WithACode()
    {
        using var content = new StringContent("just text", Encoding.UTF8, "text/plain");

        var response = await _client.PostAsync("/api/documents", content, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task UploadWithoutAFileIs400ProblemDetails()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "id" } };

        var response = await _client.PostAsync("/api/documents/upload?wait=true", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task BodyOverTheLimitIs413()
    {
        var huge = new string('a', 300_000);
        using var content = new StringContent(JsonSerializer.Serialize(new { text = huge }), Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/documents", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OutOfRangeTopKIs400()
    {
        var problem = await _client.PostJsonAsync("/api/search", new { query = "x", topK = 0 }, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("topK", out _));
    }

    [Fact]
    public async Task SwaggerDescribesEveryEndpoint()
    {
        var swagger = await _client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json", Ct);

        var paths = swagger.GetProperty("paths");
        foreach (var path in new[] { "/api/documents", "/api/documents/upload", "/api/documents/{id}", "/api/search", "/api/chat", "/api/chat/stream", "/health/ready" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from swagger.json");
        Assert.True(swagger.GetProperty("components").GetProperty("schemas").TryGetProperty("ChatRequest", out _));
        var ui = await _client.GetAsync("/swagger/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task HealthEndpointsReportTheStoreModelAndGenerator()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live", Ct)).StatusCode);
        var ready = await _client.GetFromJsonAsync<JsonElement>("/health/ready", Ct);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["store", "embedding-model", "generator"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }
}
