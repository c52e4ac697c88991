using System.Security.Cryptography;
using System.Text;

namespace RagChat.Api.VectorStore.Qdrant;

/// <summary>
/// Deterministic point ids: a UUID (version 8, RFC 9562) from SHA-256 of collection, document id,
/// write version and chunk index. A retried call within one write rewrites the same points instead of
/// duplicating them; every write (even of the same text) gets new points, so the version readers see
/// stays whole until the new one is committed.
/// </summary>
public static class PointIds
{
    public static Guid For(string collection, string documentId, string version, int chunkIndex)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{collection}\n{documentId}\n{version}\n{chunkIndex}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122/9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
