using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagChat.Api.Ingestion.Fetching;

namespace RagChat.Tests.Fetching;

public sealed class UrlFetchOptionsTests
{
    private static List<ValidationResult> Validate(UrlFetchOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void TheDefaultsAreValidAndConservative()
    {
        var options = new UrlFetchOptions();

        Assert.Empty(Validate(options));
        Assert.Empty(options.AllowedHosts);
        Assert.Equal(10 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(20, options.TimeoutSeconds);
        Assert.Equal(5, options.MaxRedirects);
    }

    [Fact]
    public void ABadAllowListEntryIsReportedByItsKey()
    {
        var error = Assert.Single(Validate(new UrlFetchOptions { AllowedHosts = ["10.0.0.0/8", "10.0.0.0/33"] }));

        Assert.StartsWith("Ingestion:Url:AllowedHosts:1 ('10.0.0.0/33')", error.ErrorMessage);
    }

    [Fact]
    public void OutOfRangeLimitsAreRejected()
    {
        var errors = Validate(new UrlFetchOptions { MaxBytes = 0, TimeoutSeconds = 0, MaxRedirects = 50 });

        Assert.Equal(3, errors.Count);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddUrlFetching()
        .BuildServiceProvider();

    [Fact]
    public void TheSectionBindsAndTheFetcherIsOneSingleton()
    {
        using var services = Services(new()
        {
            ["Ingestion:Url:AllowedHosts:0"] = "10.0.0.0/8",
            ["Ingestion:Url:AllowedHosts:1"] = "intranet.example.com",
            ["Ingestion:Url:MaxBytes"] = "2048",
        });

        var options = services.GetRequiredService<IOptions<UrlFetchOptions>>().Value;

        Assert.Equal(["10.0.0.0/8", "intranet.example.com"], options.AllowedHosts);
        Assert.Equal(2048, options.MaxBytes);
        Assert.Same(services.GetRequiredService<UrlFetcher>(), services.GetRequiredService<UrlFetcher>());
    }

    [Fact]
    public void AnInvalidSectionFailsNamingTheKey()
    {
        using var services = Services(new() { ["Ingestion:Url:AllowedHosts:0"] = "10.0.0.0/33" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<UrlFetchOptions>>().Value);

        Assert.Contains("Ingestion:Url:AllowedHosts:0", error.Message);
    }

    [Theory]
    [InlineData("attachment; filename=\"../../etc/passwd\"", "passwd")]
    [InlineData("attachment; filename=\"..\\\\..\\\\boot.ini\"", "boot.ini")]
    [InlineData("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C.pdf", "보고서.pdf")]
    [InlineData("attachment; filename=\"..\"", "guide.pdf")]
    public void DispositionNamesLoseTheirFolders(string header, string expected) =>
        Assert.Equal(expected, FetchedFileNames.For(new Uri("https://example.com/docs/guide.pdf"), ContentDispositionHeaderValue.Parse(header), "application/pdf"));

    [Theory]
    [InlineData("https://example.com/", "text/html", "index.html")]
    [InlineData("https://example.com/", "application/pdf", "index.pdf")]
    [InlineData("https://example.com/", "text/plain", "index.txt")]
    [InlineData("https://example.com/", "application/json", "index.json")]
    [InlineData("https://example.com/", "text/csv", "index.csv")]
    [InlineData("https://example.com/", "text/markdown", "index.md")]
    [InlineData("https://example.com/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "index.docx")]
    [InlineData("https://example.com/", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "index.pptx")]
    [InlineData("https://example.com/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "index.xlsx")]
    [InlineData("https://example.com/", "application/octet-stream", "index")]
    [InlineData("https://example.com/", null, "index")]
    [InlineData("https://example.com/docs/My%20Guide.pdf?v=2", "application/pdf", "My Guide.pdf")]
    [InlineData("https://example.com/docs/setup/", "text/html", "setup.html")]
    [InlineData("https://example.com/data.csv", "text/plain", "data.csv")]
    public void WithoutDispositionThePathOrTheContentTypeNamesTheFile(string url, string? mediaType, string expected) =>
        Assert.Equal(expected, FetchedFileNames.For(new Uri(url), null, mediaType));
}
