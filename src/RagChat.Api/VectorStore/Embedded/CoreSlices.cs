namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// Runs a best-k scan over a large collection on every core: one scan is bound by one core's share of
/// memory bandwidth, so each core scans a slice of the documents for its own best k, and the slices'
/// lists are merged. Small collections are scanned in one go, where threads would cost more than they save.
/// </summary>
public static class CoreSlices
{
    public const int ParallelFromChunks = 20_000;

    /// <param name="documents">The collection's snapshot; split only when it is an array.</param>
    /// <param name="scan">Finds the best <paramref name="k"/> of some documents, best first.</param>
    /// <param name="score">The score the best are chosen by.</param>
    /// <param name="k">How many to keep.</param>
    public static List<T> Best<T>(IEnumerable<VectorIndex.Entry> documents, Func<IEnumerable<VectorIndex.Entry>, List<T>> scan, Func<T, float> score, int k)
    {
        if (documents is not VectorIndex.Entry[] all || Environment.ProcessorCount < 2 || all.Sum(e => e.Chunks.Count) < ParallelFromChunks)
            return scan(documents);
        var slices = Math.Min(Environment.ProcessorCount, 8);
        var partial = new List<T>[slices];
        Parallel.For(0, slices, s =>
        {
            var (start, end) = (all.Length * s / slices, all.Length * (s + 1) / slices);
            partial[s] = scan(new ArraySegment<VectorIndex.Entry>(all, start, end - start));
        });
        return partial.SelectMany(p => p).OrderByDescending(score).Take(k).ToList();
    }
}
