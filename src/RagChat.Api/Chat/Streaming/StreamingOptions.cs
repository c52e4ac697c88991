using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.Chat.Streaming;

/// <summary>Server-sent events (section <c>Streaming</c>).</summary>
public sealed class StreamingOptions
{
    public const string Section = "Streaming";

    /// <summary>Seconds without an event after which a ": keep-alive" comment is sent, so proxies keep the connection open.</summary>
    [Range(1, 600)]
    public int KeepAliveSeconds { get; set; } = 15;
}
