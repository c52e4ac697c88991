namespace RagChat.Tests.Infrastructure;

/// <summary>Tests that start a fresh loopback server before each test and stop it after.</summary>
public abstract class LoopbackServerTests<TServer>(Func<Task<TServer>> start) : IAsyncLifetime
    where TServer : class, IAsyncDisposable
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await start();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
