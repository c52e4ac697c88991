using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RagChat.Tests.Infrastructure;

namespace RagChat.Tests.Fetching;

/// <summary>A web server on a real loopback socket serving what URL ingestion meets: pages, files, big bodies, redirects, stalls and errors.</summary>
public sealed class FetchTestServer : IAsyncDisposable
{
    public const string Html = "<!doctype html><html><head><title>Welcome</title></head><body><p>RagChat fetched this page.</p></body></html>";
    public const int BigBodyBytes = 100_000;

    private readonly WebApplication _app;

    public ConcurrentQueue<(string Path, string UserAgent)> Requests { get; } = new();
    public string BaseUrl { get; }
    public int Port => new Uri(BaseUrl).Port;

    private FetchTestServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FetchTestServer> StartAsync()
    {
        FetchTestServer? server = null;
        var (app, address) = await LoopbackApp.StartAsync(web =>
        {
            web.Use((context, next) =>
            {
                server!.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString()));
                return next(context);
            });
            Map(web);
        });
        server = new FetchTestServer(app, address);
        return server;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext context) => WriteAsync(context, "text/html; charset=utf-8", Html));
        app.MapGet("/articles/welcome", (HttpContext context) => WriteAsync(context, "text/html; charset=utf-8", Html));
        app.MapGet("/files/notes.txt", (HttpContext context) => WriteAsync(context, "text/plain", "plain notes"));
        app.MapGet("/download", (HttpContext context) =>
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"Quarterly report.pdf\"";
            return WriteAsync(context, "application/pdf", "%PDF-1.4 not really");
        });
        app.MapGet("/sized/{bytes:int}", (HttpContext context, int bytes) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = bytes;
            return context.Response.Body.WriteAsync(new byte[bytes]).AsTask();
        });
        app.MapGet("/chunked", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            var piece = new byte[BigBodyBytes / 10];
            Array.Fill(piece, (byte)'a');
            for (var i = 0; i < 10; i++)
            {
                await context.Response.Body.WriteAsync(piece, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        app.MapGet("/hop/{left:int}", (int left) => left == 0 ? Results.Redirect("/files/notes.txt") : Results.Redirect($"/hop/{left - 1}"));
        app.MapGet("/moved", (HttpContext context) =>
            Results.Redirect($"{context.Request.Scheme}://{context.Request.Host}/files/notes.txt", permanent: true));
        app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data"));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        app.MapGet("/slow", async (HttpContext context) =>
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }));
        app.MapGet("/missing", () => Results.NotFound("nothing here"));
    }

    private static Task WriteAsync(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body);
    }

    public string Url(string path) => BaseUrl + path;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
