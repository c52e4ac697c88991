using System.Numerics.Tensors;
using RagChat.Api.Embeddings;

namespace RagChat.Api.Attention;

/// <summary>
/// The study note's formula applied between two texts: the question's token vectors ask (Q), the
/// source's token vectors answer (K). [CLS] and [SEP] are left out, so the weights fall on words.
/// </summary>
public sealed class CrossAttention(AttentionModel model, WordPieceTokenizer tokenizer)
{
    public sealed record Result(IReadOnlyList<WordPieceTokenizer.Piece> Query, IReadOnlyList<WordPieceTokenizer.Piece> Source, float[][] Weights, float[] SourceWeights);

    public Result Compute(string query, string text, int maxTokens)
    {
        var queryPieces = AttentionInput.Pieces(tokenizer, query, "query", maxTokens);
        var sourcePieces = AttentionInput.Pieces(tokenizer, text, "text", maxTokens);
        var passes = model.Run([AttentionInput.WithSpecialTokens(tokenizer, queryPieces), AttentionInput.WithSpecialTokens(tokenizer, sourcePieces)]);

        var scale = 1f / MathF.Sqrt(OnnxEmbeddingGenerator.Dimensions);
        var weights = new float[queryPieces.Count][];
        var sourceWeights = new float[sourcePieces.Count];
        for (var q = 0; q < queryPieces.Count; q++)
        {
            var row = new float[sourcePieces.Count];
            // Token 0 is [CLS]: word piece i sits at position i + 1.
            for (var s = 0; s < sourcePieces.Count; s++)
                row[s] = TensorPrimitives.Dot(passes[0].TokenVector(q + 1), passes[1].TokenVector(s + 1)) * scale;
            TensorPrimitives.SoftMax(row, row);
            weights[q] = row;
            TensorPrimitives.Add(sourceWeights, row, sourceWeights);
        }
        TensorPrimitives.Divide(sourceWeights, queryPieces.Count, sourceWeights);
        return new Result(queryPieces, sourcePieces, weights, sourceWeights);
    }

    /// <summary>The words of <paramref name="text"/> the question attends to most, as character spans in reading order.</summary>
    public IReadOnlyList<Highlight> Highlights(string query, string text, int count, int maxTokens)
    {
        var result = Compute(query, text, maxTokens);
        var words = new List<(int Start, int End, float Weight)>();
        for (var i = 0; i < result.Source.Count; i++)
        {
            var piece = result.Source[i];
            // Pieces of one word ("##ing", or the Jamo of one syllable) join the word before them.
            if (words.Count > 0 && (piece.Token.StartsWith("##", StringComparison.Ordinal) || piece.Start < words[^1].End))
                words[^1] = (words[^1].Start, Math.Max(words[^1].End, piece.Start + piece.Length), words[^1].Weight + result.SourceWeights[i]);
            else
                words.Add((piece.Start, piece.Start + piece.Length, result.SourceWeights[i]));
        }
        return words.Where(w => w.End > w.Start && text[w.Start..w.End].Any(char.IsLetterOrDigit))
            .OrderByDescending(w => w.Weight).Take(count).OrderBy(w => w.Start)
            .Select(w => new Highlight(w.Start, w.End - w.Start, text[w.Start..w.End], MathF.Round(w.Weight, 4)))
            .ToList();
    }
}
