using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// The durable side of the embedded store: one SQLite file. A document and its chunks are replaced in
/// one transaction, so a failure or a crash mid-write rolls back to the previous version on disk.
/// </summary>
public sealed class SqliteChunkDatabase
{
    private readonly string _connectionString;

    public SqliteChunkDatabase(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "ragchat.db"),
            Pooling = true,
        }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, dimensions INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS documents (
                collection TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, source TEXT, tags TEXT NOT NULL,
                content_hash TEXT NOT NULL, chunk_count INTEGER NOT NULL, ingested_at TEXT NOT NULL,
                PRIMARY KEY (collection, id));
            CREATE TABLE IF NOT EXISTS chunks (
                collection TEXT NOT NULL, document_id TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,
                page INTEGER, vector BLOB NOT NULL,
                PRIMARY KEY (collection, document_id, idx));
            """);
        // Stores made before chunks had heading paths get the column added in place.
        if (!HasColumn(connection, "chunks", "heading")) Execute(connection, "ALTER TABLE chunks ADD COLUMN heading TEXT");
    }

    public int? Dimensions(string collection)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dimensions FROM collections WHERE name = $c";
        command.Parameters.AddWithValue("$c", collection);
        return command.ExecuteScalar() is long d ? (int)d : null;
    }

    public void Replace(StoredDocument document, IReadOnlyList<StoredChunk> chunks, int dimensions)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "INSERT OR IGNORE INTO collections (name, dimensions) VALUES ($c, $d)", ("$c", document.Collection), ("$d", dimensions));
        DeleteRows(connection, document.Collection, document.Id);
        Execute(connection, """
            INSERT INTO documents (collection, id, title, source, tags, content_hash, chunk_count, ingested_at)
            VALUES ($c, $id, $title, $source, $tags, $hash, $count, $at)
            """,
            ("$c", document.Collection), ("$id", document.Id), ("$title", document.Title), ("$source", document.Source),
            ("$tags", JsonSerializer.Serialize(document.Tags)), ("$hash", document.ContentHash), ("$count", chunks.Count),
            ("$at", document.IngestedAt.ToString("O")));

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO chunks (collection, document_id, idx, text, page, vector, heading) VALUES ($c, $d, $i, $t, $p, $v, $h)";
        var parameters = new[] { "$c", "$d", "$i", "$t", "$p", "$v", "$h" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var chunk in chunks)
        {
            parameters[0].Value = document.Collection;
            parameters[1].Value = document.Id;
            parameters[2].Value = chunk.Index;
            parameters[3].Value = chunk.Text;
            parameters[4].Value = (object?)chunk.Page ?? DBNull.Value;
            parameters[5].Value = MemoryMarshal.AsBytes(chunk.Vector.AsSpan()).ToArray();
            parameters[6].Value = (object?)chunk.Heading ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public bool UpdateTags(string collection, string documentId, IReadOnlyList<string> tags)
    {
        using var connection = Open();
        return Execute(connection, "UPDATE documents SET tags = $t WHERE collection = $c AND id = $d",
            ("$t", JsonSerializer.Serialize(tags)), ("$c", collection), ("$d", documentId)) > 0;
    }

    public bool Delete(string collection, string documentId)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var removed = DeleteRows(connection, collection, documentId);
        transaction.Commit();
        return removed;
    }

    /// <summary>Every stored document with its chunks, for rebuilding the in-memory index at start-up.</summary>
    public IEnumerable<(StoredDocument Document, List<StoredChunk> Chunks)> LoadAll()
    {
        using var connection = Open();
        var documents = new Dictionary<(string, string), (StoredDocument Document, List<StoredChunk> Chunks)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT collection, id, title, source, tags, content_hash, chunk_count, ingested_at FROM documents";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var document = new StoredDocument(reader.GetString(1), reader.GetString(0), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                    reader.GetString(5), reader.GetInt32(6), DateTimeOffset.Parse(reader.GetString(7)));
                documents[(document.Collection, document.Id)] = (document, []);
            }
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT collection, document_id, idx, text, page, vector, heading FROM chunks ORDER BY collection, document_id, idx";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!documents.TryGetValue((reader.GetString(0), reader.GetString(1)), out var entry)) continue;
                var vector = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(5)).ToArray();
                entry.Chunks.Add(new StoredChunk(StoredChunk.IdFor(entry.Document.Id, reader.GetInt32(2)), entry.Document.Id,
                    reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), vector, reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }
        return documents.Values;
    }

    public void Ping()
    {
        using var connection = Open();
        Execute(connection, "SELECT 1");
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL: a committed document survives a power cut, not just a process crash.
        Execute(connection, "PRAGMA synchronous = FULL");
        return connection;
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $n";
        command.Parameters.AddWithValue("$n", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static bool DeleteRows(SqliteConnection connection, string collection, string documentId)
    {
        Execute(connection, "DELETE FROM chunks WHERE collection = $c AND document_id = $d", ("$c", collection), ("$d", documentId));
        return Execute(connection, "DELETE FROM documents WHERE collection = $c AND id = $d", ("$c", collection), ("$d", documentId)) > 0;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }
}
