using System.Diagnostics;

namespace RagChat.Bench;

/// <summary>Latencies of one measured operation, in milliseconds, and their percentiles (nearest rank).</summary>
public sealed class Timings
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public double Percentile(double p)
    {
        if (_ms.Count == 0) return double.NaN;
        var sorted = _ms.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double P50 => Percentile(50);
    public double P99 => Percentile(99);
    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    public static double Ms(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    /// <summary>Runs <paramref name="warmup"/> untimed calls (JIT, tiering, caches), then times each of <paramref name="runs"/> calls.</summary>
    public static Timings Of(int warmup, int runs, Action<int> call)
    {
        for (var i = 0; i < warmup; i++) call(i);
        var timings = new Timings();
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call(i);
            timings.Add(Ms(start));
        }
        return timings;
    }
}
