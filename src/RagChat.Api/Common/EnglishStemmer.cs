namespace RagChat.Api.Common;

/// <summary>
/// The Porter (1980) stemmer for lower-case English words, so "retrieves", "retrieved" and
/// "retrieval" share a lexical term as they share a meaning. Written from the algorithm's published
/// description: five steps of suffix rules, each guarded by the stem's "measure" m, the number of
/// vowel-consonant sequences ([C](VC)^m[V]). Words with anything but the letters a-z, and words of
/// one or two letters, are returned unchanged.
/// </summary>
public static class EnglishStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 2 || !word.All(c => c is >= 'a' and <= 'z')) return word;
        var w = new Word(word);
        Step1A(w);
        Step1B(w);
        Step1C(w);
        Step2(w);
        Step3(w);
        Step4(w);
        Step5(w);
        return w.ToString();
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    // Longer suffixes first where one ends another ("ement", "ment", "ent").
    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    private static void Step1A(Word w)
    {
        if (w.EndsWith("sses")) w.Replace(4, "ss");
        else if (w.EndsWith("ies")) w.Replace(3, "i");
        else if (w.EndsWith("ss")) { }
        else if (w.EndsWith("s")) w.Replace(1, "");
    }

    private static void Step1B(Word w)
    {
        if (w.EndsWith("eed"))
        {
            if (w.Measure(w.Length - 3) > 0) w.Replace(3, "ee");
            return;
        }
        int cut;
        if (w.EndsWith("ed")) cut = 2;
        else if (w.EndsWith("ing")) cut = 3;
        else return;
        if (!w.HasVowel(w.Length - cut)) return;
        w.Replace(cut, "");

        if (w.EndsWith("at") || w.EndsWith("bl") || w.EndsWith("iz")) w.Replace(0, "e");
        else if (w.EndsWithDoubleConsonant() && !(w.EndsWith("l") || w.EndsWith("s") || w.EndsWith("z"))) w.Replace(1, "");
        else if (w.Measure(w.Length) == 1 && w.EndsWithCvc(w.Length)) w.Replace(0, "e");
    }

    private static void Step1C(Word w)
    {
        if (w.EndsWith("y") && w.HasVowel(w.Length - 1)) w.Replace(1, "i");
    }

    private static void Step2(Word w) => ReplaceFirstMatch(w, Step2Rules);

    private static void Step3(Word w) => ReplaceFirstMatch(w, Step3Rules);

    // The longest matching suffix decides; when its stem is too short, no other rule of the step applies.
    private static void ReplaceFirstMatch(Word w, (string Suffix, string Replacement)[] rules)
    {
        var match = rules.Where(r => w.EndsWith(r.Suffix)).OrderByDescending(r => r.Suffix.Length).FirstOrDefault();
        if (match.Suffix is null) return;
        if (w.Measure(w.Length - match.Suffix.Length) > 0) w.Replace(match.Suffix.Length, match.Replacement);
    }

    private static void Step4(Word w)
    {
        var suffix = Step4Suffixes.Where(w.EndsWith).OrderByDescending(s => s.Length).FirstOrDefault();
        if (suffix is null) return;
        var stem = w.Length - suffix.Length;
        if (w.Measure(stem) <= 1) return;
        if (suffix == "ion" && !(stem > 0 && w[stem - 1] is 's' or 't')) return;
        w.Replace(suffix.Length, "");
    }

    private static void Step5(Word w)
    {
        if (w.EndsWith("e"))
        {
            var m = w.Measure(w.Length - 1);
            if (m > 1 || (m == 1 && !w.EndsWithCvc(w.Length - 1))) w.Replace(1, "");
        }
        if (w.EndsWith("ll") && w.Measure(w.Length) > 1) w.Replace(1, "");
    }

    /// <summary>A word being stemmed, with Porter's tests on its first <c>end</c> letters.</summary>
    private sealed class Word(string text)
    {
        private readonly System.Text.StringBuilder _letters = new(text);

        public int Length => _letters.Length;
        public char this[int i] => _letters[i];

        public bool EndsWith(string suffix)
        {
            if (suffix.Length > _letters.Length) return false;
            for (var i = 0; i < suffix.Length; i++)
                if (_letters[_letters.Length - suffix.Length + i] != suffix[i]) return false;
            return true;
        }

        public void Replace(int suffixLength, string replacement)
        {
            _letters.Length -= suffixLength;
            _letters.Append(replacement);
        }

        public bool IsConsonant(int i) => _letters[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>m: the number of vowel-to-consonant transitions in the first <paramref name="end"/> letters.</summary>
        public int Measure(int end)
        {
            var m = 0;
            for (var i = 1; i < end; i++)
                if (IsConsonant(i) && !IsConsonant(i - 1)) m++;
            return m;
        }

        public bool HasVowel(int end)
        {
            for (var i = 0; i < end; i++)
                if (!IsConsonant(i)) return true;
            return false;
        }

        public bool EndsWithDoubleConsonant() =>
            _letters.Length >= 2 && _letters[^1] == _letters[^2] && IsConsonant(_letters.Length - 1);

        /// <summary>*o: the first <paramref name="end"/> letters end consonant-vowel-consonant, the last not w, x or y.</summary>
        public bool EndsWithCvc(int end) =>
            end >= 3 && IsConsonant(end - 3) && !IsConsonant(end - 2) && IsConsonant(end - 1) && _letters[end - 1] is not ('w' or 'x' or 'y');

        public override string ToString() => _letters.ToString();
    }
}
