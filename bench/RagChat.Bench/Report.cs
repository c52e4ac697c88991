using System.Text.RegularExpressions;

namespace RagChat.Bench;

/// <summary>
/// docs/BENCHMARKS.md is generated: each benchmark owns the text between its markers, so a run of one
/// benchmark rewrites its own section and leaves the others (and any hand-written text outside markers) alone.
/// </summary>
public static partial class Report
{
    public static void Write(string path, IReadOnlyDictionary<string, string> sections)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : Template;
        foreach (var (name, body) in sections)
        {
            var block = $"<!-- bench:{name} -->\n{body.Trim()}\n<!-- /bench:{name} -->";
            var pattern = new Regex($"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", RegexOptions.Singleline);
            text = pattern.IsMatch(text) ? pattern.Replace(text, block.Replace("$", "$$"), 1) : text.TrimEnd() + "\n\n" + block + "\n";
        }
        File.WriteAllText(path, text);
        Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
    }

    private const string Template = """
        # Benchmarks

        Measured with `bench/RagChat.Bench`, a Stopwatch runner (warm-up, then percentiles by nearest rank).
        Each section is rewritten by its benchmark: `dotnet run -c Release --project bench/RagChat.Bench -- --all --write docs/BENCHMARKS.md`.
        The machine is shared and noisy; numbers move by 10-20% between runs.

        ## 1. Embedding throughput

        <!-- bench:embedding -->
        <!-- /bench:embedding -->

        ## 2. Dense search latency (embedded store)

        <!-- bench:search -->
        <!-- /bench:search -->

        ## 3. Retrieval overhead before the first token

        <!-- bench:overhead -->
        <!-- /bench:overhead -->

        ## 4. Ingestion throughput (end to end)

        | Data | documents/s | chunks/s | Source |
        |---|---:|---:|---|
        | SciFact, 5,183 abstracts | _filled from docs/EVALUATION.md ingest run_ | _filled from docs/EVALUATION.md ingest run_ | measured by the evaluator against a running service, not by this bench |
        """;
}
