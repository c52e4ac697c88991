using System.ComponentModel.DataAnnotations;

namespace RagChat.Api.Ingestion.Fetching;

/// <summary>
/// How documents are fetched by URL (section <c>Ingestion:Url</c>). By default only public addresses
/// are fetched, so a URL cannot make the service reach its own network (SSRF).
/// </summary>
public sealed class UrlFetchOptions : IValidatableObject
{
    public const string Section = "Ingestion:Url";

    /// <summary>
    /// Hosts fetched even though they are private, loopback or link-local: host names (exact,
    /// case-insensitive; every address the name resolves to is then allowed), IP addresses
    /// (<c>127.0.0.1</c>, <c>::1</c>) or CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>).
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Largest body accepted, in bytes, after decompression.</summary>
    [Range(1024d, 1_073_741_824d)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Seconds the whole fetch may take: connecting, every redirect and reading the body.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Redirects followed before the fetch is abandoned; 0 refuses every redirect.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedHosts.Length; i++)
        {
            if (!FetchAddressPolicy.IsValidEntry(AllowedHosts[i]))
                yield return new ValidationResult(
                    $"{Section}:{nameof(AllowedHosts)}:{i} ('{AllowedHosts[i]}') is not a host name, an IP address or a CIDR range such as 10.0.0.0/8.",
                    [nameof(AllowedHosts)]);
        }
    }
}
