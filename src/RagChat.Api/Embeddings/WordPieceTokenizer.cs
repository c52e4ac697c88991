using System.Text;
using Microsoft.ML.Tokenizers;

namespace RagChat.Api.Embeddings;

/// <summary>
/// The model's own BERT word-piece tokenizer (uncased vocabulary). Chunking counts tokens with it,
/// so chunk sizes are measured in the unit the model truncates at.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    public WordPieceTokenizer(string vocabPath)
    {
        // vocab.txt ships with CRLF line endings; the tokenizer would keep the '\r' in every token.
        var vocab = File.ReadAllText(vocabPath).Replace("\r\n", "\n");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(vocab));
        _tokenizer = BertTokenizer.Create(stream, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            ApplyBasicTokenization = true,
            // bert-base-uncased strips accents; without this "café" and "cafe" tokenize differently.
            RemoveNonSpacingMarks = true,
        });
    }

    public int ClsId => _tokenizer.ClassificationTokenId;
    public int SepId => _tokenizer.SeparatorTokenId;

    /// <summary>Word pieces of <paramref name="text"/> without [CLS]/[SEP].</summary>
    public int CountTokens(string text) => _tokenizer.CountTokens(text, considerPreTokenization: true, considerNormalization: true);

    /// <summary>[CLS] pieces… [SEP], truncated so the whole sequence fits <paramref name="maxTokens"/>.</summary>
    public IReadOnlyList<int> EncodeForModel(string text, int maxTokens)
    {
        var pieces = _tokenizer.EncodeToIds(text, maxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new List<int>(pieces.Count + 2) { ClsId };
        ids.AddRange(pieces);
        ids.Add(SepId);
        return ids;
    }

    public IReadOnlyList<string> Tokens(string text) =>
        _tokenizer.EncodeToTokens(text, out _).Select(t => t.Value).ToList();
}
