using System.Text;

namespace RagChat.Api.Common;

/// <summary>
/// Terms for lexical matching in English and Korean. Korean particles attach to words ("문서를",
/// "문서와"), so whole Hangul words rarely match; overlapping syllable bigrams do ("문서"). Other
/// scripts use lower-cased words of two or more characters, Porter-stemmed when they are English
/// ("retrieved", "retrieval" → "retriev"). These are also BM25's terms, so English and Korean share
/// one lexical index.
/// </summary>
public static class TextTerms
{
    /// <summary>The distinct terms of <paramref name="text"/>.</summary>
    public static HashSet<string> Extract(string text) => new(Count(text).Keys, StringComparer.Ordinal);

    /// <summary>Each term of <paramref name="text"/> with how often it occurs.</summary>
    public static Dictionary<string, int> Count(string text)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch)) { word.Append(char.ToLowerInvariant(ch)); continue; }
            Flush(word, terms);
        }
        Flush(word, terms);
        return terms;
    }

    /// <summary>
    /// Whether most of <paramref name="text"/>'s words hold Hangul: a Korean question, for retrieval's
    /// purposes, even when it names English terms ("Transformer 모델에서 attention은 무엇인가?").
    /// </summary>
    public static bool IsMostlyHangul(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetter)).ToList();
        return words.Count(w => w.Any(IsHangul)) * 2 > words.Count;
    }

    /// <summary>The share of the query's terms that <paramref name="candidate"/> contains (0..1).</summary>
    public static double Coverage(HashSet<string> query, HashSet<string> candidate) =>
        query.Count == 0 ? 0 : (double)query.Count(candidate.Contains) / query.Count;

    private static void Flush(StringBuilder word, Dictionary<string, int> terms)
    {
        if (word.Length == 0) return;
        var text = word.ToString();
        word.Clear();
        var start = 0;
        // Split a mixed word ("RAG는") into its Hangul and non-Hangul runs.
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && IsHangul(text[i]) == IsHangul(text[start])) continue;
            AddRun(text[start..i], terms);
            start = i;
        }
    }

    private static void AddRun(string run, Dictionary<string, int> terms)
    {
        if (!IsHangul(run[0]))
        {
            if (run.Length >= 2) Add(terms, EnglishStemmer.Stem(run));
            return;
        }
        if (run.Length == 1) { Add(terms, run); return; }
        for (var i = 0; i + 1 < run.Length; i++) Add(terms, run.Substring(i, 2));
    }

    private static void Add(Dictionary<string, int> terms, string term) =>
        terms[term] = terms.GetValueOrDefault(term) + 1;

    // Syllables, Jamo and compatibility Jamo.
    private static bool IsHangul(char ch) => ch is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');
}
