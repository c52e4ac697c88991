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
    public static string Normalize(string text) => NormalizeWithMap(text, null);

    /// <summary>
    /// <see cref="Normalize(string)"/>, also recording for each character of the result the index of the
    /// original character it came from, so word pieces can be mapped back to the caller's text.
    /// Decomposing character by character equals NFD here: NFD's reordering only moves combining
    /// marks, and those are dropped.
    /// </summary>
    private static string NormalizeWithMap(string text, List<int>? origin)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var decomposed = text.Substring(i, width).ToLowerInvariant().Normalize(NormalizationForm.FormD);
            foreach (var ch in decomposed)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(ch);
                if (category == UnicodeCategory.NonSpacingMark || ch == '\0' || ch == '\uFFFD') continue;
                if (char.IsWhiteSpace(ch)) Append(' ');
                else if (char.IsControl(ch) || category == UnicodeCategory.Format) continue;
                else if (IsPunctuation(ch, category) || IsCjkIdeograph(ch)) { Append(' '); Append(ch); Append(' '); }
                else Append(ch);
            }
            i += width - 1;

            void Append(char c)
            {
                builder.Append(c);
                origin?.Add(i);
            }
        }
        return builder.ToString();
    }

    /// <summary>A word piece and the characters of the original text it came from.</summary>
    public sealed record Piece(int Id, string Token, int Start, int Length);

    /// <summary>Word pieces (no [CLS]/[SEP]) with their spans in <paramref name="text"/>; no truncation.</summary>
    public IReadOnlyList<Piece> Pieces(string text)
    {
        var origin = new List<int>();
        var normalized = NormalizeWithMap(text, origin);
        var pieces = new List<Piece>();
        foreach (var token in _tokenizer.EncodeToTokens(normalized, out _))
        {
            var (offset, length) = token.Offset.GetOffsetAndLength(normalized.Length);
            if (length == 0 || offset >= origin.Count)
            {
                pieces.Add(new Piece(token.Id, token.Value, 0, 0));
                continue;
            }
            var start = origin[offset];
            var last = origin[Math.Min(offset + length, origin.Count) - 1];
            var end = last + (char.IsHighSurrogate(text[last]) ? 2 : 1);
            pieces.Add(new Piece(token.Id, token.Value, start, end - start));
        }
        return pieces;
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
