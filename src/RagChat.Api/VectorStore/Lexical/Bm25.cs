namespace RagChat.Api.VectorStore.Lexical;

/// <summary>
/// Okapi BM25 in the form Lucene and Qdrant use: a chunk scores Σ idf(term) · tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen))
/// over the query's terms. The two halves are separate because Qdrant computes the IDF itself (the
/// sparse vector's IDF modifier) while we supply the term-frequency half.
/// </summary>
public static class Bm25
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    /// <summary>Inverse document frequency of a term found in <paramref name="chunksWithTerm"/> of <paramref name="chunkCount"/> chunks; always positive.</summary>
    public static float Idf(int chunksWithTerm, int chunkCount) =>
        (float)Math.Log(1 + (chunkCount - chunksWithTerm + 0.5) / (chunksWithTerm + 0.5));

    /// <summary>The saturated, length-normalised weight of a term that occurs <paramref name="termCount"/> times in a chunk of <paramref name="length"/> terms.</summary>
    public static float TermWeight(int termCount, int length, float averageLength) =>
        termCount * (K1 + 1) / (termCount + K1 * (1 - B + B * length / Math.Max(averageLength, 1f)));
}
