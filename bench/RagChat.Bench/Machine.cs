using System.Runtime.InteropServices;

namespace RagChat.Bench;

/// <summary>The machine a table was measured on, as one markdown line.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var ram = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0.#} GiB RAM" : "RAM unknown";
        return $"{cpu}, {Environment.ProcessorCount} cores, {ram}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, "
            + $"AVX2 {(System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "yes" : "no")}, load average {Load()} at the start, measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    // Shared machines: the 1-minute load average says how much of the CPU the bench actually had.
    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string? ReadField(string file, string name)
    {
        if (!File.Exists(file)) return null;
        return File.ReadLines(file).Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault();
    }
}
