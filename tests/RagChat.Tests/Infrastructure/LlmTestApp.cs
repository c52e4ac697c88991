namespace RagChat.Tests.Infrastructure;

/// <summary>The app configured for an OpenAI-compatible LLM, pointed at a stub server of its own.</summary>
public sealed class LlmTestApp : IAsyncDisposable
{
    private LlmTestApp(OpenAiStubServer stub, RagChatFactory factory)
    {
        Stub = stub;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public OpenAiStubServer Stub { get; }
    public RagChatFactory Factory { get; }
    public HttpClient Client { get; }

    public static async Task<LlmTestApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var stub = await OpenAiStubServer.StartAsync();
        var data = new TempDirectory();
        var all = new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAICompatible",
            ["Llm:Endpoint"] = stub.BaseUrl,
            ["Llm:Model"] = "stub-model",
            ["Llm:ApiKey"] = "test-key",
            ["Llm:RetryBaseDelayMs"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = new LlmTestApp(stub, new RagChatFactory(data.Path, all));
        app._owned = data;
        return app;
    }

    private TempDirectory? _owned;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Stub.DisposeAsync();
        _owned?.Dispose();
    }
}
