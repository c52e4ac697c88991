using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace RagChat.Tests.Infrastructure;

/// <summary>The real app in memory, over its own data directory, with settings a test may override.</summary>
public sealed class RagChatFactory(string dataPath, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string DataPath { get; } = dataPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["VectorStore:DataPath"] = DataPath,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(all));
    }
}

/// <summary>A fresh data directory per test class, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ragchat-tests-" + Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* SQLite may still hold the file on a slow close; the OS temp cleaner gets it */ }
    }
}
