using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RagChat.Tests.Infrastructure.QdrantEmulator;

/// <summary>The emulator's data (collections of points in memory) and the faults it is told to inject.</summary>
public sealed class EmulatorState
{
    /// <summary>A collection: its dense vectors (one unnamed or several named), its named sparse vectors, and its points.</summary>
    public sealed class Collection(VectorsConfig vectors, SparseVectorConfig? sparseVectors = null)
    {
        public VectorsConfig Vectors { get; } = vectors;
        public SparseVectorConfig SparseVectors { get; } = sparseVectors ?? new SparseVectorConfig();
        public SortedDictionary<string, PointStruct> Points { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Indexes { get; } = [];
    }

    public object Lock { get; } = new();
    public Dictionary<string, Collection> Collections { get; } = [];

    /// <summary>Calls that fail with Unavailable before the emulator answers again; -1: all of them.</summary>
    public int UnavailableCalls { get; set; }

    /// <summary>When set, this many more calls succeed and every later one fails with Unavailable.</summary>
    public int? OutageAfterCalls { get; set; }

    /// <summary>Delay before every answer (for deadline tests).</summary>
    public TimeSpan Latency { get; set; }

    public int CallCount;

    /// <summary>Applies the configured faults; called at the start of every RPC.</summary>
    public async Task EnterAsync(ServerCallContext context)
    {
        Interlocked.Increment(ref CallCount);
        lock (Lock)
        {
            if (OutageAfterCalls == 0) UnavailableCalls = -1;
            else if (OutageAfterCalls is { } remaining) OutageAfterCalls = remaining - 1;
        }
        if (UnavailableCalls != 0)
        {
            if (UnavailableCalls > 0) UnavailableCalls--;
            throw new RpcException(new Status(StatusCode.Unavailable, "emulated outage"));
        }
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, context.CancellationToken);
    }

    public Collection Get(string name) =>
        Collections.TryGetValue(name, out var collection) ? collection
        : throw new RpcException(new Status(StatusCode.NotFound, $"Collection `{name}` doesn't exist!"));

    public static string Key(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid ? id.Uuid : id.Num.ToString("D20");
}
