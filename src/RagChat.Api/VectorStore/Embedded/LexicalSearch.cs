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

    public static List<Match> Search(IEnumerable<VectorIndex.Entry> documents, IReadOnlyDictionary<string, int> queryTerms, int topK, ChunkFilter? filter)
    {
        if (topK <= 0 || queryTerms.Count == 0) return [];
        var terms = queryTerms.Keys.ToArray();
        var frequencies = new int[terms.Length];
        var candidates = new List<(VectorIndex.Entry Entry, int Term, DocumentTerms.Posting[] Postings)>();
        long chunkCount = 0, totalLength = 0;

        foreach (var entry in documents)
        {
            chunkCount += entry.Terms.ChunkLengths.Length;
            totalLength += entry.Terms.TotalLength;
            var included = filter is null || filter.Matches(entry.Document);
            for (var t = 0; t < terms.Length; t++)
            {
                if (!entry.Terms.Postings.TryGetValue(terms[t], out var postings)) continue;
                frequencies[t] += postings.Length;
                if (included) candidates.Add((entry, t, postings));
            }
        }
        if (candidates.Count == 0) return [];

        var averageLength = (float)totalLength / Math.Max(chunkCount, 1);
        var scores = new Dictionary<(string DocumentId, int Chunk), Match>();
        foreach (var (entry, t, postings) in candidates)
        {
            var idf = Bm25.Idf(frequencies[t], (int)chunkCount);
            foreach (var posting in postings)
            {
                var weight = idf * Bm25.TermWeight(posting.Count, entry.Terms.ChunkLengths[posting.Chunk], averageLength);
                var key = (entry.Document.Id, posting.Chunk);
                scores[key] = scores.TryGetValue(key, out var sum) ? sum with { Score = sum.Score + weight } : new Match(entry, posting.Chunk, weight);
            }
        }

        return scores.Values
            .OrderByDescending(m => m.Score).ThenBy(m => m.Entry.Document.Id, StringComparer.Ordinal).ThenBy(m => m.Chunk)
            .Take(topK)
            .ToList();
    }
}
