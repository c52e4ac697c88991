using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Ingestion;

/// <summary>
/// Vectors of chunks already embedded, keyed by the model and the SHA-256 of the chunk's text, in
/// SQLite beside the data. Re-ingesting a document with a few edits embeds only the changed chunks.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly string _connectionString;

    public EmbeddingCache(IOptions<VectorStoreOptions> options)
    {
        var folder = Path.GetFullPath(options.Value.DataPath);
        Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "embedding-cache.db"), Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL)";
        command.ExecuteNonQuery();
    }

    public static string Key(string model, string text) =>
        model + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public Dictionary<string, float[]> Find(IReadOnlyCollection<string> keys)
    {
        var found = new Dictionary<string, float[]>();
        if (keys.Count == 0) return found;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, vector FROM embeddings WHERE key = $k";
        var key = command.Parameters.Add("$k", SqliteType.Text);
        foreach (var k in keys.Distinct())
        {
            key.Value = k;
            using var reader = command.ExecuteReader();
            if (reader.Read()) found[k] = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray();
        }
        return found;
    }

    public void Add(IEnumerable<(string Key, float[] Vector)> entries)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO embeddings (key, vector) VALUES ($k, $v)";
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var vector = command.Parameters.Add("$v", SqliteType.Blob);
        foreach (var entry in entries)
        {
            key.Value = entry.Key;
            vector.Value = MemoryMarshal.AsBytes(entry.Vector.AsSpan()).ToArray();
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
