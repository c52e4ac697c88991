using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RagChat.Eval;

// Evaluates RagChat's retrieval over HTTP on a BEIR or SQuAD data set: ingest, query, score.
EvalOptions options;
try
{
    options = EvalOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EvalOptions.Usage);
    return 2;
}

var dataset = (options.BeirFolder is not null ? Dataset.FromBeir(options.BeirFolder) : Dataset.FromSquad(options.SquadFile!))
    .Slice(options.LimitDocuments, options.LimitQueries);
Console.Error.WriteLine($"{dataset.Name}: {dataset.Documents.Count} documents, {dataset.Queries.Count} queries, collection '{options.Collection}', service {options.Url}");

using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(5) };
var client = new RagChatClient(http);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
await client.CheckReachableAsync(cancel.Token);

var ingestSeconds = 0.0;
if (!options.SkipIngest)
{
    var clock = Stopwatch.StartNew();
    var progress = new ProgressBar("ingest", dataset.Documents.Count);
    // Two requests in flight keep the service's embedding busy while the next body travels.
    await Parallel.ForEachAsync(dataset.Documents, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancel.Token }, async (doc, ct) =>
    {
        var text = string.IsNullOrWhiteSpace(doc.Title) ? doc.Text : $"{doc.Title}\n\n{doc.Text}";
        await client.IngestAsync(options.Collection, doc.Id, doc.Title, text, ct);
        progress.Step();
    });
    progress.Done();
    ingestSeconds = clock.Elapsed.TotalSeconds;
}

var results = new List<ModeResult>();
foreach (var mode in options.Modes)
{
    var clock = Stopwatch.StartNew();
    var progress = new ProgressBar(mode, dataset.Queries.Count);
    var scores = new System.Collections.Concurrent.ConcurrentBag<(double Ndcg, double R10, double R100, double Mrr)>();
    await Parallel.ForEachAsync(dataset.Queries, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancel.Token }, async (query, ct) =>
    {
        var ranked = await client.SearchDocumentsAsync(options.Collection, query.Text, mode, options.Fusion, 100, options.FirstChunkOnly, ct);
        var relevant = dataset.Relevant[query.Id].ToDictionary(r => RagChatClient.DocumentId(r.Key), r => r.Value);
        scores.Add((Metrics.NdcgAt(10, ranked, relevant), Metrics.RecallAt(10, ranked, relevant), Metrics.RecallAt(100, ranked, relevant), Metrics.MrrAt(10, ranked, relevant)));
        progress.Step();
    });
    progress.Done();
    results.Add(new ModeResult(mode, scores.Count, scores.Average(s => s.Ndcg), scores.Average(s => s.R10), scores.Average(s => s.R100), scores.Average(s => s.Mrr),
        clock.Elapsed.TotalMilliseconds / Math.Max(1, scores.Count)));
}

Console.WriteLine($"| data set | mode | queries | nDCG@10 | Recall@10 | Recall@100 | MRR@10 | ms/query |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var r in results)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {dataset.Name} | {r.Mode} | {r.Queries} | {r.Ndcg10:0.000} | {r.Recall10:0.000} | {r.Recall100:0.000} | {r.Mrr10:0.000} | {r.MsPerQuery:0.0} |"));

if (options.ReportPath is { } path)
{
    var report = new { dataset = dataset.Name, documents = dataset.Documents.Count, collection = options.Collection, ingestSeconds,
        documentsPerSecond = ingestSeconds > 0 ? dataset.Documents.Count / ingestSeconds : (double?)null, fusion = options.Fusion, results };
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    Console.Error.WriteLine($"report written to {path}");
}
return 0;

/// <summary>One mode's averages over all queries.</summary>
internal sealed record ModeResult(string Mode, int Queries, double Ndcg10, double Recall10, double Recall100, double Mrr10, double MsPerQuery);
