using System.Text.Json;

namespace RagChat.Eval;

/// <summary>An evaluation set: documents to ingest, queries, and which documents answer each query (with grades).</summary>
public sealed record Dataset(
    string Name,
    IReadOnlyList<(string Id, string Title, string Text)> Documents,
    IReadOnlyList<(string Id, string Text)> Queries,
    IReadOnlyDictionary<string, Dictionary<string, int>> Relevant)
{
    /// <summary>BEIR layout: corpus.jsonl {_id,title,text}, queries.jsonl {_id,text}, qrels (query-id, corpus-id, score) as TSV.</summary>
    public static Dataset FromBeir(string folder)
    {
        var documents = ReadJsonLines(Path.Combine(folder, "corpus.jsonl"))
            .Select(d => (Id: d.GetProperty("_id").GetString()!, Title: d.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "", Text: d.GetProperty("text").GetString()!))
            .ToList();
        var qrelsPath = new[] { Path.Combine(folder, "qrels", "test.tsv"), Path.Combine(folder, "qrels.test.tsv") }.First(File.Exists);
        var relevant = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(qrelsPath).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var grade) || grade <= 0) continue;
            (relevant.TryGetValue(parts[0], out var docs) ? docs : relevant[parts[0]] = [])[parts[1]] = grade;
        }
        var queries = ReadJsonLines(Path.Combine(folder, "queries.jsonl"))
            .Select(q => (Id: q.GetProperty("_id").GetString()!, Text: q.GetProperty("text").GetString()!))
            .Where(q => relevant.ContainsKey(q.Id))
            .ToList();
        return new Dataset(Path.GetFileName(folder.TrimEnd('/')), documents, queries, relevant);
    }

    /// <summary>SQuAD layout: every paragraph is a document; each question's paragraph is its one relevant document.</summary>
    public static Dataset FromSquad(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var documents = new List<(string, string, string)>();
        var queries = new List<(string, string)>();
        var relevant = new Dictionary<string, Dictionary<string, int>>();
        foreach (var article in json.RootElement.GetProperty("data").EnumerateArray())
        {
            var title = article.GetProperty("title").GetString() ?? "";
            foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
            {
                var id = $"p{documents.Count}";
                documents.Add((id, title, paragraph.GetProperty("context").GetString()!));
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var qid = qa.GetProperty("id").GetString()!;
                    queries.Add((qid, qa.GetProperty("question").GetString()!));
                    relevant[qid] = new Dictionary<string, int> { [id] = 1 };
                }
            }
        }
        return new Dataset(Path.GetFileNameWithoutExtension(file), documents, queries, relevant);
    }

    /// <summary>The first <paramref name="documents"/> documents and the queries answered among them, then the first <paramref name="queries"/>.</summary>
    public Dataset Slice(int? documents, int? queries)
    {
        var docs = documents is { } n ? Documents.Take(n).ToList() : Documents.ToList();
        var kept = docs.Select(d => d.Id).ToHashSet();
        var relevant = Relevant.ToDictionary(r => r.Key, r => r.Value.Where(d => kept.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value))
            .Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => r.Value);
        var qs = Queries.Where(q => relevant.ContainsKey(q.Id)).Take(queries ?? int.MaxValue).ToList();
        return this with { Documents = docs, Queries = qs, Relevant = relevant };
    }

    private static IEnumerable<JsonElement> ReadJsonLines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement);
}
