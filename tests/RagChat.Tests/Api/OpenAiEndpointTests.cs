using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Api;

/// <summary>The official OpenAI .NET SDK as a client of RagChat's /v1 endpoint.</summary>
public sealed class OpenAiEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ChatClient Client(string model, string key = "unused", HttpClient? http = null) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(http ?? app.CreateClient()),
        });

    private async Task<string> SeedAsync()
    {
        var collection = AppFixture.NewCollection();
        var http = app.CreateClient();
        await http.IngestAsync(new { id = "mlflow", title = "MLflow", text = Fixtures.MlflowText, collection });
        await http.IngestAsync(new { id = "paris", text = Fixtures.Unrelated[0], collection });
        return collection;
    }

    [Fact]
    public async Task TheSdkReadsAnAnswerAndItsSources()
    {
        var collection = await SeedAsync();

        var result = await Client(collection).CompleteChatAsync([new UserChatMessage("What is MLflow?")], cancellationToken: Ct);

        Assert.Contains("managing the ML lifecycle", result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        var raw = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement;
        Assert.Equal("mlflow", raw.GetProperty("ragchat").GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task TheSdkStreamsAnAnswerAndTheLastChunkCarriesTheSources()
    {
        var collection = await SeedAsync();
        var text = new StringBuilder();
        string? extension = null;

        await foreach (var update in Client(collection).CompleteChatStreamingAsync([new UserChatMessage("What is MLflow?")], cancellationToken: Ct))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            var json = ModelReaderWriter.Write(update).ToString();
            if (json.Contains("\"ragchat\"")) extension = json;
        }

        Assert.Contains("managing the ML lifecycle. [1]", text.ToString());
        Assert.NotNull(extension);
        var ragchat = JsonDocument.Parse(extension).RootElement.GetProperty("ragchat");
        Assert.Equal("mlflow", ragchat.GetProperty("citations")[0].GetProperty("documentId").GetString());
        Assert.Equal("extractive", ragchat.GetProperty("generator").GetString());
    }

    [Fact]
    public async Task TheRawStreamFollowsOpenAisChunkFormat()
    {
        var collection = await SeedAsync();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/v1/chat/completions", new StringContent(
            JsonSerializer.Serialize(new { model = collection, stream = true, messages = new[] { new { role = "user", content = "What is MLflow?" } } }),
            Encoding.UTF8, "application/json"), Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]).ToList();

        Assert.Equal("[DONE]", lines[^1]);
        var chunks = lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Empty(chunks[^1].GetProperty("choices").EnumerateArray());
        Assert.True(chunks[^1].TryGetProperty("ragchat", out _));
    }

    [Fact]
    public async Task ModelsListTheDefaultAndEachCollection()
    {
        var collection = await SeedAsync();
        var models = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(app.CreateClient()),
        }).GetOpenAIModelClient();

        var list = await models.GetModelsAsync(Ct);

        Assert.Contains(list.Value, m => m.Id == "ragchat");
        Assert.Contains(list.Value, m => m.Id == collection);
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4.1")]
    public async Task AnUnknownModelIsA404TheSdkUnderstands(string model)
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client(model).CompleteChatAsync([new UserChatMessage("What is MLflow?")], cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message);
    }

    [Fact]
    public async Task AnEmptyConversationIsA400InOpenAisErrorShape()
    {
        using var http = app.CreateClient();

        var response = await http.PostAsync("/v1/chat/completions",
            new StringContent("{\"model\":\"ragchat\",\"messages\":[]}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("validation_failed", error.GetProperty("code").GetString());
        Assert.Contains("messages", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ABearerKeyIsRequiredWhenConfigured()
    {
        using var data = new TempDirectory();
        await using var secured = new RagChatFactory(data.Path, new Dictionary<string, string?> { ["OpenAiApi:ApiKey"] = "s3cret" });
        await secured.CreateClient().IngestAsync(new { id = "mlflow", text = Fixtures.MlflowText });

        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client("ragchat", "wrong", secured.CreateClient()).CompleteChatAsync([new UserChatMessage("What is MLflow?")], cancellationToken: Ct));
        var accepted = await Client("ragchat", "s3cret", secured.CreateClient()).CompleteChatAsync([new UserChatMessage("What is MLflow?")], cancellationToken: Ct);

        Assert.Equal(401, refused.Status);
        Assert.Contains("MLflow", accepted.Value.Content[0].Text);
    }
}
