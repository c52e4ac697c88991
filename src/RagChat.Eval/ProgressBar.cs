using System.Diagnostics;

namespace RagChat.Eval;

/// <summary>A one-line progress bar on stderr: done/total, rate and a bar, redrawn at most ten times a second.</summary>
public sealed class ProgressBar(string label, int total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;
    private long _lastDraw;

    public void Step()
    {
        var done = Interlocked.Increment(ref _done);
        var now = _clock.ElapsedMilliseconds;
        if (now - Interlocked.Read(ref _lastDraw) < 100 && done < total) return;
        Interlocked.Exchange(ref _lastDraw, now);
        Draw(done);
    }

    public void Done()
    {
        Draw(_done);
        Console.Error.WriteLine();
    }

    private void Draw(int done)
    {
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        Console.Error.Write($"\r{label,-8} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {rate:0.0}/s ");
    }
}
