using System.Globalization;
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
        // Basic tokenization (lower case, accents, punctuation) is done by Normalize below: the library's
        // own version recomposes Hangul Jamo into syllables, which the vocabulary does not hold.
        _tokenizer = BertTokenizer.Create(stream, new BertOptions
        {
            LowerCaseBeforeTokenization = false,
            ApplyBasicTokenization = false,
        });
    }

    public int ClsId => _tokenizer.ClassificationTokenId;
    public int SepId => _tokenizer.SeparatorTokenId;

    /// <summary>Word pieces of <paramref name="text"/> without [CLS]/[SEP].</summary>
    public int CountTokens(string text) => _tokenizer.CountTokens(Normalize(text), considerPreTokenization: true, considerNormalization: true);

    /// <summary>[CLS] pieces… [SEP], truncated so the whole sequence fits <paramref name="maxTokens"/>.</summary>
    public IReadOnlyList<int> EncodeForModel(string text, int maxTokens)
    {
        var pieces = _tokenizer.EncodeToIds(Normalize(text), maxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new List<int>(pieces.Count + 2) { ClsId };
        ids.AddRange(pieces);
        ids.Add(SepId);
        return ids;
    }

    public IReadOnlyList<string> Tokens(string text) =>
        _tokenizer.EncodeToTokens(Normalize(text), out _).Select(t => t.Value).ToList();

    /// <summary>
    /// The reference (Hugging Face) uncased BERT basic tokenizer: lower case; NFD and drop non-spacing
    /// marks ("café" -> "cafe"), which also splits each Hangul syllable into the Jamo the vocabulary holds
    /// ("장" -> "ᄌ", "##ᅡ", "##ᆼ"); control characters removed; punctuation and CJK ideographs become
    /// words of their own. Without the Jamo every Korean word would be [UNK].
    /// </summary>
    public static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 16);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark || ch == '\0' || ch == '\uFFFD') continue;
            if (char.IsWhiteSpace(ch)) builder.Append(' ');
            else if (char.IsControl(ch) || category == UnicodeCategory.Format) continue;
            else if (IsPunctuation(ch, category) || IsCjkIdeograph(ch)) builder.Append(' ').Append(ch).Append(' ');
            else builder.Append(ch);
        }
        return builder.ToString();
    }

    // BERT counts every non-alphanumeric ASCII symbol ("$", "^", "`") as punctuation, as well as Unicode P*.
    private static bool IsPunctuation(char ch, UnicodeCategory category) =>
        ch is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~'
        || category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;

    private static bool IsCjkIdeograph(char ch) =>
        ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
