using System.Net;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>The URL points somewhere RagChat will not go: a private, loopback or link-local address, or a non-http redirect.</summary>
public sealed class UrlRefusedException(string message)
    : RagChatException(message, StatusCodes.Status422UnprocessableEntity, "url_refused")
{
    public static UrlRefusedException ForAddress(Uri uri, IPAddress address, AddressKind kind) => new(
        $"{UrlDisplay.Of(uri)} resolves to {address}, {AddressClassifier.Describe(kind)}; RagChat does not fetch private, loopback or link-local addresses unless {UrlFetchOptions.Section}:{nameof(UrlFetchOptions.AllowedHosts)} names them.");
}

/// <summary>The remote end could not deliver the document: timeout, unknown host, refused connection, an HTTP error status, too many redirects.</summary>
public sealed class UrlFetchFailedException(string message, Exception? inner = null)
    : RagChatException(message, StatusCodes.Status422UnprocessableEntity, "url_fetch_failed", inner);

internal static class UrlDisplay
{
    /// <summary>The URL without user info or fragment, so credentials in a URL never reach messages or logs.</summary>
    public static string Of(Uri uri) => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
}
