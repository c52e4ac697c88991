namespace RagChat.Api.VectorStore;

/// <summary>Weighted Reciprocal Rank Fusion of a dense and a lexical result list (see <see cref="FusionSettings"/>).</summary>
public static class RankFusion
{
    /// <summary>
    /// 1 / (k + rank / weight): the weight stretches the retriever's ranks (weight 2 makes its 10th
    /// chunk count like an unweighted 5th) and 0 silences it. This is Qdrant's weighted RRF, so both
    /// stores fuse to the same scores.
    /// </summary>
    public static float Contribution(int rank, int k, float weight) => weight <= 0 ? 0 : 1f / (k + rank / weight);

    /// <summary>
    /// Fuses two lists (each best first) into the <paramref name="topK"/> best by fused score; each hit
    /// says where each retriever ranked it. A chunk in both lists keeps the dense list's cosine as its score.
    /// </summary>
    public static IReadOnlyList<ChunkHit> Fuse(IReadOnlyList<ChunkHit> dense, IReadOnlyList<ChunkHit> lexical, FusionSettings settings, int topK)
    {
        var byId = new Dictionary<string, (ChunkHit Hit, RankedScore? Dense, RankedScore? Lexical)>();
        for (var i = 0; i < dense.Count; i++)
            byId[dense[i].ChunkId] = (dense[i], new RankedScore(i + 1, dense[i].Scores?.Dense?.Score ?? dense[i].Score), null);
        for (var i = 0; i < lexical.Count; i++)
        {
            var ranked = new RankedScore(i + 1, lexical[i].Scores?.Lexical?.Score ?? 0);
            byId[lexical[i].ChunkId] = byId.TryGetValue(lexical[i].ChunkId, out var found) ? found with { Lexical = ranked } : (lexical[i], null, ranked);
        }

        return byId.Values
            .Select(e => e.Hit with
            {
                Scores = new RetrieverScores(e.Dense, e.Lexical,
                    (e.Dense is null ? 0 : Contribution(e.Dense.Rank, settings.K, settings.DenseWeight))
                    + (e.Lexical is null ? 0 : Contribution(e.Lexical.Rank, settings.K, settings.LexicalWeight))),
            })
            .OrderByDescending(h => h.Scores!.Fused).ThenBy(h => h.Scores!.Dense?.Rank ?? int.MaxValue).ThenBy(h => h.ChunkId, StringComparer.Ordinal)
            .Take(topK)
            .ToList();
    }
}
