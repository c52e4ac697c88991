using System.Security.Cryptography;
using System.Text;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// Deterministic point ids: a UUID (version 8, RFC 9562) from SHA-256 of collection, document id,
/// content hash and chunk index. A retried ingestion of the same text writes the same points instead of
/// duplicates; a new version of a document gets new points, so the old one stays whole until the new
/// one is complete.
/// </summary>
public static class PointIds
{
    public static Guid For(string collection, string documentId, string contentHash, int chunkIndex)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{collection}\n{documentId}\n{contentHash}\n{chunkIndex}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122/9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
