using RagChat.Api.Common;
using RagChat.Api.Embeddings;

namespace RagChat.Api.Attention;

/// <summary>Turns request text into the model's input, refusing what the model cannot see whole.</summary>
public static class AttentionInput
{
    public static IReadOnlyList<WordPieceTokenizer.Piece> Pieces(WordPieceTokenizer tokenizer, string? text, string field, int maxTokens)
    {
        var validation = new Validation().NotBlank(text, field);
        validation.ThrowIfInvalid();
        var pieces = tokenizer.Pieces(text!);
        validation
            .Require(pieces.Count > 0, field, $"'{field}' holds no word the model can read.")
            .Require(pieces.Count + 2 <= maxTokens, field, $"'{field}' is {pieces.Count + 2} word pieces with [CLS] and [SEP]; the model sees at most {maxTokens}. Shorten it.")
            .ThrowIfInvalid();
        return pieces;
    }

    public static IReadOnlyList<int> WithSpecialTokens(WordPieceTokenizer tokenizer, IReadOnlyList<WordPieceTokenizer.Piece> pieces) =>
        [tokenizer.ClsId, .. pieces.Select(p => p.Id), tokenizer.SepId];

    /// <summary>What a person reads for each token: the original text it came from, or the special token itself.</summary>
    public static IReadOnlyList<string> Labels(string text, IReadOnlyList<WordPieceTokenizer.Piece> pieces, bool withSpecialTokens)
    {
        var labels = pieces.Select(p => p.Length > 0 ? text.Substring(p.Start, p.Length) : p.Token).ToList();
        return withSpecialTokens ? ["[CLS]", .. labels, "[SEP]"] : labels;
    }
}
