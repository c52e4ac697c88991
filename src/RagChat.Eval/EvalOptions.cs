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
    bool FirstChunkOnly,
    FusionOverride? Fusion)
{
    public const string Usage = """
        usage: dotnet run --project src/RagChat.Eval -- (--beir FOLDER | --squad FILE) [options]
          --url URL             the running service (default http://localhost:5080, or RAGCHAT_URL)
          --beir FOLDER         BEIR data set: corpus.jsonl, queries.jsonl, qrels/test.tsv or qrels.test.tsv
          --squad FILE          SQuAD-format JSON: each question's paragraph is its relevant passage
          --collection NAME     collection to ingest into (default: eval-<data set>)
          --modes LIST          comma-separated retrieval modes: dense, lexical, hybrid (default: all three)
          --fusion-k N          Reciprocal Rank Fusion's k for hybrid (default: the service's Retrieval:Fusion:K)
          --dense-weight W      weight of the dense ranking in hybrid (default: the service's)
          --lexical-weight W    weight of the lexical ranking in hybrid (default: the service's)
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
        float? Weight(string name) => Value(name) is { } v ? float.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

        var beir = Value("--beir");
        var squad = Value("--squad");
        if ((beir is null) == (squad is null)) throw new ArgumentException("Give exactly one of --beir FOLDER or --squad FILE.");
        var dataset = Path.GetFileNameWithoutExtension((beir ?? squad)!.TrimEnd('/', '\\')).ToLowerInvariant();
        var collection = Value("--collection") ?? "eval-" + new string(dataset.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return new EvalOptions(
            Value("--url") ?? Environment.GetEnvironmentVariable("RAGCHAT_URL") ?? "http://localhost:5080",
            beir, squad, collection[..Math.Min(collection.Length, 64)],
            (Value("--modes") ?? "dense,lexical,hybrid").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Number("--limit-docs"), Number("--limit-queries"), Value("--report"), args.Contains("--skip-ingest"), args.Contains("--first-chunk-only"),
            FusionOverride.From(Number("--fusion-k"), Weight("--dense-weight"), Weight("--lexical-weight")));
    }
}

/// <summary>The request's <c>fusion</c> object: overrides of the service's Retrieval:Fusion; null fields keep its values.</summary>
public sealed record FusionOverride(int? K, float? DenseWeight, float? LexicalWeight)
{
    public static FusionOverride? From(int? k, float? denseWeight, float? lexicalWeight) =>
        k is null && denseWeight is null && lexicalWeight is null ? null : new FusionOverride(k, denseWeight, lexicalWeight);
}
