using RagChat.Bench;

// dotnet run -c Release --project bench/RagChat.Bench -- [--all | --embedding --search --overhead] [--write docs/BENCHMARKS.md]
//   [--scifact ../shared/datasets/scifact] [--texts 600] [--slices 3] [--queries 200]
var flags = args.ToHashSet(StringComparer.Ordinal);
string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
int Number(string name, int fallback) => int.TryParse(Value(name), out var n) ? n : fallback;

var all = flags.Contains("--all");
var selected = new[] { "embedding", "search", "overhead" }.Where(b => all || flags.Contains("--" + b)).ToList();
if (selected.Count == 0)
{
    Console.WriteLine("Usage: RagChat.Bench --all | --embedding --search --overhead [--write docs/BENCHMARKS.md] [--scifact DIR] [--texts N] [--slices N] [--queries N]");
    return 2;
}

var machine = Machine.Describe();
Console.WriteLine(machine);
var scifact = Value("--scifact") ?? "../shared/datasets/scifact";
var data = selected.Any(b => b is "embedding" or "overhead") ? BenchData.Load(scifact) : null;
var texts = Number("--texts", 600);
var slices = Number("--slices", 3);
var queries = Number("--queries", 200);

var sections = new Dictionary<string, string>();
foreach (var benchmark in selected)
{
    Console.WriteLine($"\n== {benchmark} ==");
    var (body, command) = benchmark switch
    {
        "embedding" => (EmbeddingBench.Run(data!, texts, slices), $"--embedding --texts {texts} --slices {slices}"),
        "search" => (SearchBench.Run([10_000, 100_000], queries), $"--search --queries {queries}"),
        _ => (OverheadBench.Run(data!, 10_000, queries), $"--overhead --queries {queries}"),
    };
    var section = $"""
        Machine: {machine}.
        Reproduce: `dotnet run -c Release --project bench/RagChat.Bench -- {command}` (from the repository root, SciFact in {scifact}).

        {body}
        """;
    Console.WriteLine(section);
    sections[benchmark] = section;
}

if (Value("--write") is { } path) Report.Write(path, sections);
return 0;
