namespace RagChat.Eval;

/// <summary>The standard retrieval metrics over one query's ranked document ids (BEIR's definitions).</summary>
public static class Metrics
{
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        var dcg = ranked.Take(k).Select((id, i) => relevant.TryGetValue(id, out var g) ? g / Math.Log2(i + 2) : 0).Sum();
        var ideal = relevant.Values.OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant) =>
        relevant.Count == 0 ? 0 : (double)ranked.Take(k).Count(relevant.ContainsKey) / relevant.Count;

    public static double MrrAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        var first = ranked.Take(k).Select((id, i) => (id, i)).FirstOrDefault(x => relevant.ContainsKey(x.id));
        return first.id is null ? 0 : 1.0 / (first.i + 1);
    }
}
