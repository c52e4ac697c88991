using System.Text.RegularExpressions;

namespace RagChat.Api.Chat.Citations;

/// <summary>A numbered source and the quote a citation of it shows.</summary>
public sealed record CitableSource(SourceInfo Info, string Quote);

/// <summary>
/// Finds [n] markers (also [1, 2] and [1][2]) in an answer as it grows. Each valid source number is
/// reported once, the first time it appears; numbers that point at no source are counted, never cited.
/// </summary>
/// <param name="sources">The numbered sources, [1] first.</param>
/// <param name="explain">When given, computes a citation's highlights from its source number.</param>
public sealed partial class CitationTracker(IReadOnlyList<CitableSource> sources, Func<int, IReadOnlyList<Attention.Highlight>>? explain = null)
{
    private readonly List<Citation> _cited = [];
    private readonly HashSet<int> _invalid = [];
    private int _scanned;

    public IReadOnlyList<Citation> Cited => _cited;

    public int InvalidCount => _invalid.Count;

    /// <summary>Citations first seen in <paramref name="answerSoFar"/> since the last call.</summary>
    public IReadOnlyList<Citation> Observe(string answerSoFar, bool final = false)
    {
        // A marker may be split across deltas ("[1" then "2]"); rescan from the last '[' that has not closed.
        var end = final ? answerSoFar.Length : SafeEnd(answerSoFar);
        var found = new List<Citation>();
        foreach (Match match in Marker().Matches(answerSoFar[..end], _scanned))
        {
            foreach (var part in match.Groups[1].Value.Split(','))
            {
                if (!int.TryParse(part.Trim(), out var n)) continue;
                if (n < 1 || n > sources.Count) { _invalid.Add(n); continue; }
                if (_cited.Any(c => c.N == n)) continue;
                var source = sources[n - 1];
                var citation = new Citation(n, source.Info.ChunkId, source.Info.DocumentId, source.Info.Title, source.Info.Source, source.Info.Page,
                    source.Quote, source.Info.Score, explain?.Invoke(n), source.Info.Heading);
                _cited.Add(citation);
                found.Add(citation);
            }
        }
        _scanned = end;
        return found;
    }

    private static int SafeEnd(string text)
    {
        var open = text.LastIndexOf('[');
        return open >= 0 && text.IndexOf(']', open) < 0 ? open : text.Length;
    }

    [GeneratedRegex(@"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Marker();
}
