namespace RagChat.Eval;

/// <summary>Command-line settings of one evaluation run.</summary>
public sealed record EvalOptions(
    string Url,
    string? BeirFolder,
    string? SquadFile,
    string Collection,
    IReadOnlyList<string> Modes,
    int? LimitDocuments,
    int? LimitQueries,
    string? ReportPath,
    bool SkipIngest,
    bool FirstChunkOnly)
{
    public const string Usage = """
        usage: dotnet run --project src/RagChat.Eval -- (--beir FOLDER | --squad FILE) [options]
          --url URL             the running service (default http://localhost:5080, or RAGCHAT_URL)
          --beir FOLDER         BEIR data set: corpus.jsonl, queries.jsonl, qrels/test.tsv or qrels.test.tsv
          --squad FILE          SQuAD-format JSON: each question's paragraph is its relevant passage
          --collection NAME     collection to ingest into (default: eval-<data set>)
          --modes LIST          comma-separated retrieval modes to evaluate (default: dense)
          --limit-docs N        ingest only the first N documents (and keep queries whose answers are among them)
          --limit-queries N     evaluate only the first N queries
          --report FILE         also write the results as JSON
          --skip-ingest         the collection is already ingested
          --first-chunk-only    rank documents by their first chunk alone, as single-vector benchmarks
                                (MTEB) do when they truncate each document to the model's window
        """;

    public static EvalOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int? Number(string name) => Value(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

        var beir = Value("--beir");
        var squad = Value("--squad");
        if ((beir is null) == (squad is null)) throw new ArgumentException("Give exactly one of --beir FOLDER or --squad FILE.");
        var dataset = Path.GetFileNameWithoutExtension((beir ?? squad)!.TrimEnd('/', '\\')).ToLowerInvariant();
        var collection = Value("--collection") ?? "eval-" + new string(dataset.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return new EvalOptions(
            Value("--url") ?? Environment.GetEnvironmentVariable("RAGCHAT_URL") ?? "http://localhost:5080",
            beir, squad, collection[..Math.Min(collection.Length, 64)],
            (Value("--modes") ?? "dense").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Number("--limit-docs"), Number("--limit-queries"), Value("--report"), args.Contains("--skip-ingest"), args.Contains("--first-chunk-only"));
    }
}
