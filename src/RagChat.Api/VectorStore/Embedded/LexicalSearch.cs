using RagChat.Api.VectorStore.Lexical;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// BM25 over one collection's <see cref="DocumentTerms"/>. Corpus statistics (chunk count, mean length,
/// document frequencies) are gathered in the same pass over the collection's documents, so they always
/// match the snapshot being searched; they count the whole collection, filtered out documents included,
/// as Qdrant's IDF does.
/// </summary>
public static class LexicalSearch
{
    public readonly record struct Match(VectorIndex.Entry Entry, int Chunk, float Score);

    private readonly record struct Candidate(int Document, int Term, DocumentTerms.Posting[] Postings);

    public static List<Match> Search(IEnumerable<VectorIndex.Entry> documents, IReadOnlyDictionary<string, int> queryTerms, int topK, ChunkFilter? filter)
    {
        if (topK <= 0 || queryTerms.Count == 0) return [];
        var entries = documents as IReadOnlyList<VectorIndex.Entry> ?? documents.ToList();
        var terms = queryTerms.Keys.ToArray();
        var frequencies = new int[terms.Length];
        var candidates = new List<Candidate>();
        // Each chunk's slot in one flat score array: offsets[d] is where document d's chunks begin.
        var offsets = new int[entries.Count + 1];
        long totalLength = 0;

        for (var d = 0; d < entries.Count; d++)
        {
            var entry = entries[d];
            offsets[d + 1] = offsets[d] + entry.Terms.ChunkLengths.Length;
            totalLength += entry.Terms.TotalLength;
            var included = filter is null || filter.Matches(entry.Document);
            for (var t = 0; t < terms.Length; t++)
            {
                if (!entry.Terms.Postings.TryGetValue(terms[t], out var postings)) continue;
                frequencies[t] += postings.Length;
                if (included) candidates.Add(new Candidate(d, t, postings));
            }
        }
        if (candidates.Count == 0) return [];

        var chunkCount = offsets[^1];
        var averageLength = (float)totalLength / Math.Max(chunkCount, 1);
        var idf = frequencies.Select(f => Bm25.Idf(f, chunkCount)).ToArray();
        var scores = new float[chunkCount];
        var touched = new List<(int Document, int Chunk)>();
        foreach (var (d, t, postings) in candidates)
        {
            var lengths = entries[d].Terms.ChunkLengths;
            foreach (var posting in postings)
            {
                var slot = offsets[d] + posting.Chunk;
                // Every term weighs more than 0, so a 0 marks a chunk seen for the first time.
                if (scores[slot] == 0) touched.Add((d, posting.Chunk));
                scores[slot] += idf[t] * Bm25.TermWeight(posting.Count, lengths[posting.Chunk], averageLength);
            }
        }

        // The best k by a min-heap; ties go to the earlier document id and chunk, as a full sort would.
        var best = new PriorityQueue<(int Document, int Chunk), (float Score, string Id, int Chunk)>(topK + 1, WorstFirst);
        foreach (var (d, chunk) in touched)
        {
            var key = (scores[offsets[d] + chunk], entries[d].Document.Id, chunk);
            if (best.Count < topK) best.Enqueue((d, chunk), key);
            else if (best.TryPeek(out _, out var weakest) && WorstFirst.Compare(key, weakest) > 0) best.EnqueueDequeue((d, chunk), key);
        }
        var matches = new List<Match>(best.Count);
        while (best.TryDequeue(out var item, out var key)) matches.Add(new Match(entries[item.Document], item.Chunk, key.Score));
        matches.Reverse();
        return matches;
    }

    // Orders the weakest first: lower score, then (on a tie) the later document id and chunk.
    private static readonly Comparer<(float Score, string Id, int Chunk)> WorstFirst = Comparer<(float Score, string Id, int Chunk)>.Create((a, b) =>
    {
        var byScore = a.Score.CompareTo(b.Score);
        if (byScore != 0) return byScore;
        var byId = string.CompareOrdinal(b.Id, a.Id);
        return byId != 0 ? byId : b.Chunk.CompareTo(a.Chunk);
    });
}
