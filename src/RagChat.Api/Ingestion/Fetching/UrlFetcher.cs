using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>
/// Downloads a web page or file for ingestion without letting the URL reach the service's own
/// network: only http and https, redirects followed here so each hop is checked, every connection
/// dialled through <see cref="GuardedConnector"/>, and a size cap and timeout over the whole fetch.
/// </summary>
public sealed class UrlFetcher : IDisposable
{
    private const string UserAgent = "RagChat/1.0 (+document ingestion)";

    private readonly UrlFetchOptions _options;
    private readonly FetchAddressPolicy _policy;
    private readonly HttpClient _client;
    private readonly ILogger<UrlFetcher> _logger;

    public UrlFetcher(IOptions<UrlFetchOptions> options, ILogger<UrlFetcher> logger)
        : this(options.Value, logger, FetchNetwork.System) { }

    internal UrlFetcher(UrlFetchOptions options, ILogger<UrlFetcher> logger, FetchNetwork network)
    {
        _options = options;
        _logger = logger;
        _policy = new FetchAddressPolicy(options.AllowedHosts);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would dial the target itself, out of the connector's sight.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = new GuardedConnector(_policy, network, logger).ConnectAsync,
            ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    public async Task<FetchedFile> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var uri = ParseUrl(url);
        var current = uri;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                EnsureAllowedTarget(current, redirects > 0 ? uri : null);
                using var response = await _client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode))
                {
                    var location = response.Headers.Location
                        ?? throw new UrlFetchFailedException($"{UrlDisplay.Of(current)} answered {(int)response.StatusCode} without saying where to go (no Location header).");
                    if (redirects == _options.MaxRedirects)
                        throw new UrlFetchFailedException($"{UrlDisplay.Of(uri)} redirected more than {_options.MaxRedirects} times ({UrlFetchOptions.Section}:{nameof(UrlFetchOptions.MaxRedirects)}).");
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    var status = (int)response.StatusCode;
                    var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? ReasonPhrases.GetReasonPhrase(status) : response.ReasonPhrase;
                    throw new UrlFetchFailedException($"Fetching {UrlDisplay.Of(current)} failed: the server answered {$"{status} {reason}".TrimEnd()}.");
                }

                var content = await ReadBodyAsync(response, current, timeout.Token);
                var contentType = response.Content.Headers.ContentType;
                var fileName = FetchedFileNames.For(current, response.Content.Headers.ContentDisposition, contentType?.MediaType);
                _logger.LogInformation("Fetched {Bytes} bytes from {Host} as {FileName} in {ElapsedMs} ms",
                    content.Length, current.Host, fileName, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return new FetchedFile(content, fileName, contentType?.ToString(), current);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UrlFetchFailedException(
                $"{UrlDisplay.Of(current)} did not deliver the document within {_options.TimeoutSeconds} s ({UrlFetchOptions.Section}:{nameof(UrlFetchOptions.TimeoutSeconds)}).", e);
        }
        catch (HttpRequestException e)
        {
            throw Translate(e, current);
        }
        catch (IOException e)
        {
            throw new UrlFetchFailedException($"{UrlDisplay.Of(current)} broke off the connection before the document was complete.", e);
        }
    }

    private static Uri ParseUrl(string url)
    {
        var blank = string.IsNullOrWhiteSpace(url);
        var absolute = Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri);
        var http = absolute && IsHttp(uri!);
        new Validation()
            .NotBlank(url, "url")
            .Require(blank || absolute, "url", "'url' must be an absolute URL such as https://example.com/guide.pdf.")
            .Require(!absolute || http, "url", $"'url' must use http or https, not {uri?.Scheme}.")
            .Require(!http || uri!.Host.Length > 0, "url", "'url' must name a host.")
            .ThrowIfInvalid();
        return uri!;
    }

    /// <summary>
    /// A redirect may point anywhere; refuse what can be refused before dialling. Host names are
    /// checked again by the connector once resolved.
    /// </summary>
    private void EnsureAllowedTarget(Uri target, Uri? redirectedFrom)
    {
        if (!IsHttp(target))
            throw new UrlRefusedException($"{UrlDisplay.Of(redirectedFrom!)} redirected to a {target.Scheme}: URL; RagChat fetches only http and https.");
        if (IPAddress.TryParse(target.IdnHost.Trim('[', ']'), out var literal) && _policy.Refusal(target.IdnHost, literal) is { } kind)
        {
            _logger.LogWarning("Refused to fetch from {Address} ({AddressKind})", literal, kind);
            throw UrlRefusedException.ForAddress(target, literal, kind);
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        var limit = _options.MaxBytes;
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit) throw TooLarge(uri, limit);

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream((int)Math.Min(declared ?? 64 * 1024, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Content-Length can be absent (chunked) or wrong (compressed): the counter is what holds.
                if (buffer.Length + read > limit) throw TooLarge(uri, limit);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static PayloadTooLargeException TooLarge(Uri uri, long limit) =>
        new($"{UrlDisplay.Of(uri)} is larger than {limit} bytes ({UrlFetchOptions.Section}:{nameof(UrlFetchOptions.MaxBytes)}).");

    private static RagChatException Translate(HttpRequestException exception, Uri uri)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is UrlRefusedException refused) return refused;
            if (inner is SocketException socket)
                return new UrlFetchFailedException(socket.SocketErrorCode switch
                {
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"The host of {UrlDisplay.Of(uri)} could not be resolved.",
                    SocketError.ConnectionRefused => $"{UrlDisplay.Of(uri)} refused the connection.",
                    _ => $"{UrlDisplay.Of(uri)} could not be reached ({socket.SocketErrorCode}).",
                }, exception);
        }
        return new UrlFetchFailedException($"{UrlDisplay.Of(uri)} could not be fetched: {exception.Message}", exception);
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public void Dispose() => _client.Dispose();
}
