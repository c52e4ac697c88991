using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Tests.Infrastructure;
using RagChat.Tests.Reading;

namespace RagChat.Tests.Api;

/// <summary>
/// The hostile corpus through the upload endpoint: each file gets the right ProblemDetails (never a
/// 500), the service stays up, the document stored before is untouched, and nothing lands outside the
/// data directory.
/// </summary>
public sealed class HostileUploadTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private RagChatFactory _factory = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = new RagChatFactory(_data.Path);
        _client = _factory.CreateClient();
        await _client.IngestAsync(new { id = "keeper", text = Fixtures.MlflowText });
    }

    public static TheoryData<string, string, int> Corpus() => new()
    {
        { "empty file", "empty.txt", 400 },
        { "truncated PDF", "truncated.pdf", 422 },
        { "encrypted PDF", "locked.pdf", 422 },
        { "scanned PDF without text", "scan.pdf", 422 },
        { "a PNG named .pdf", "photo.pdf", 422 },
        { "a DOCX zip bomb", "bomb.docx", 413 },
        { "a corrupt zip named .docx", "broken.docx", 422 },
        { "a plain zip named .docx", "archive.docx", 422 },
        { "a binary file named .txt", "binary.txt", 422 },
        { "invalid UTF-8", "invalid.txt", 422 },
        { "a file over the size limit", "huge.txt", 413 },
    };

    private static byte[] Content(string fileName) => fileName switch
    {
        "empty.txt" => [],
        "truncated.pdf" => FileFixtures.FirstHalf(FileFixtures.TwoPagePdf()),
        "locked.pdf" => FileFixtures.EncryptedPdf(),
        "scan.pdf" => FileFixtures.ScannedPdf(),
        "photo.pdf" => FileFixtures.Png(),
        "bomb.docx" => FileFixtures.DocxZipBomb(110),
        "broken.docx" => FileFixtures.FirstHalf(OfficeFixtures.Docx()),
        "archive.docx" => FileFixtures.PlainZip(),
        "binary.txt" => FileFixtures.BinaryNoise(),
        "invalid.txt" => FileFixtures.InvalidText(),
        "huge.txt" => new byte[11 * 1024 * 1024],
        _ => throw new ArgumentException(fileName),
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task HostileFilesGetAClearProblemAndChangeNothing(string what, string fileName, int status)
    {
        var response = await _client.UploadAsync(fileName, Content(fileName));

        Assert.True(status == (int)response.StatusCode, $"{what}: expected {status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.GetProperty("title").GetString()));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task AOneMegabyteSingleLineIsChunkedNotRefused()
    {
        var line = string.Join(" ", Enumerable.Repeat("token", 200_000));

        var response = await _client.UploadAsync("line.txt", line);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("chunkCount").GetInt32() > 100);
    }

    [Fact]
    public async Task DeeplyNestedHtmlIsReadWithoutCrashing()
    {
        var response = await _client.UploadAsync("nested.html", FileFixtures.DeeplyNestedHtml(10_000));

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, $"got {(int)response.StatusCode}");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task APathTraversalFileNameStaysInsideTheDataDirectory()
    {
        var before = Directory.GetFiles(Path.GetDirectoryName(_data.Path)!).ToHashSet();

        var response = await _client.UploadAsync("../../etc/passwd", "root:x:0:0");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("passwd", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("documentId").GetString());
        Assert.Equal(before, Directory.GetFiles(Path.GetDirectoryName(_data.Path)!).ToHashSet());
        Assert.All(Directory.GetFiles(_data.Path, "*", SearchOption.AllDirectories), f => Assert.StartsWith(_data.Path, f));
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready", Ct)).StatusCode);
        var keeper = await _client.GetFromJsonAsync<JsonElement>("/api/documents/keeper", Ct);
        Assert.Equal(Fixtures.MlflowText, keeper.GetProperty("chunks")[0].GetProperty("text").GetString());
        var all = await _client.GetFromJsonAsync<JsonElement>("/api/documents", Ct);
        Assert.Equal(["keeper"], all.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Where(id => id is not "line.txt" and not "nested.html" and not "passwd"));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _data.Dispose();
    }
}
