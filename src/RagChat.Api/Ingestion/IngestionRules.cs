using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RagChat.Api.Common;

namespace RagChat.Api.Ingestion;

/// <summary>What ids, collections and tags may look like, and how text is normalised and hashed.</summary>
public static partial class IngestionRules
{
    public const string DefaultCollection = "default";

    public static bool IsValidId(string id) => DocumentId().IsMatch(id);

    public static bool IsValidCollection(string collection) => CollectionName().IsMatch(collection);

    public static void ValidateCommon(Validation validation, string? id, string? collection, IReadOnlyList<string>? tags)
    {
        validation
            .Require(id is null || IsValidId(id), "id", "'id' may hold letters, digits, '.', '_', '-', ':' and '@', 1 to 128 characters.")
            .Require(collection is null || IsValidCollection(collection), "collection", "'collection' may hold letters, digits, '_' and '-', 1 to 64 characters.")
            .Require(tags is null || tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 200), "tags", "Each tag must be non-empty and at most 200 characters.");
    }

    /// <summary>Tags from a form field: comma-separated "key:value" labels.</summary>
    public static IReadOnlyList<string>? ParseTags(string? tags) =>
        tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Unicode NFC, LF line ends, no trailing whitespace: the same text always hashes the same.</summary>
    public static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').Normalize(NormalizationForm.FormC).Trim();

    public static string Hash(string normalizedText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedText)));

    /// <summary>A file name turned into a document id: the name without folders, other characters replaced by '-'.</summary>
    public static string IdFromFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var id = NotIdCharacter().Replace(name, "-").Trim('-', '.');
        return id.Length == 0 ? "file" : id.Length > 128 ? id[..128] : id;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}._\-:@]{1,128}$")]
    private static partial Regex DocumentId();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,64}$")]
    private static partial Regex CollectionName();

    [GeneratedRegex(@"[^\p{L}\p{N}._\-:@]+")]
    private static partial Regex NotIdCharacter();
}
