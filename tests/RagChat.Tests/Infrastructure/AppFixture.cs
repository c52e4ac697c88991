namespace RagChat.Tests.Infrastructure;

/// <summary>One app per test class; tests keep apart by using collections of their own.</summary>
public sealed class AppFixture : IDisposable
{
    private readonly TempDirectory _data = new();

    public AppFixture() => Factory = new RagChatFactory(_data.Path, new Dictionary<string, string?> { ["Ingestion:MaxRequestBytes"] = "200000" });

    public RagChatFactory Factory { get; }

    public HttpClient CreateClient() => Factory.CreateClient();

    public static string NewCollection() => "t" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        Factory.Dispose();
        _data.Dispose();
    }
}
