using System.Net.Http.Json;
using System.Text.Json;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

public sealed class PersistenceTests
{
    [Fact]
    public async Task ANewAppOverTheSameDataDirectorySeesTheDocuments()
    {
        using var data = new TempDirectory();
        using (var first = new RagChatFactory(data.Path))
            await first.CreateClient().IngestAsync(new { id = "mlflow", text = Fixtures.MlflowText });

        using var second = new RagChatFactory(data.Path);
        var client = second.CreateClient();

        var details = await client.GetFromJsonAsync<JsonElement>("/api/documents/mlflow", TestContext.Current.CancellationToken);
        Assert.Equal(Fixtures.MlflowText, details.GetProperty("chunks")[0].GetProperty("text").GetString());
        var search = await client.PostJsonAsync("/api/search", new { query = "What is MLflow?" });
        Assert.Equal("mlflow", search.GetProperty("results")[0].GetProperty("documentId").GetString());
    }
}
