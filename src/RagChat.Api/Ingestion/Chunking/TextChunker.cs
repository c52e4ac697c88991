using System.Text;
using Microsoft.Extensions.Options;
using RagChat.Api.Embeddings;
using static RagChat.Api.Ingestion.Chunking.SentenceSplitter;

namespace RagChat.Api.Ingestion.Chunking;

/// <summary>
/// Packs sentences into chunks of at most <see cref="IngestionOptions.ChunkTokens"/> word pieces of the
/// embedding model's own tokenizer. Chunks break between paragraphs and sentences, never inside a word
/// unless one "word" alone exceeds the budget; a heading starts a new chunk once the current one is
/// half full; the last sentences of a chunk are repeated at the start of the next (overlap).
/// </summary>
public sealed class TextChunker(WordPieceTokenizer tokenizer, IOptions<IngestionOptions> options)
{
    private readonly int _budget = options.Value.ChunkTokens;
    private readonly int _overlap = options.Value.OverlapTokens;

    private sealed record Piece(string Text, SegmentBreak Break, bool IsHeading, int Tokens);

    /// <summary>Chunks each section on its own, so a chunk never spans two pages or two headings; indexes run on across sections.</summary>
    public IReadOnlyList<TextChunk> Chunk(IEnumerable<Reading.DocumentSection> sections)
    {
        var all = new List<TextChunk>();
        foreach (var section in sections)
        {
            var offset = all.Count; // read once: AddRange grows the list while it enumerates
            all.AddRange(Chunk(section.Text, section.Page, section.HeadingPath).Select(c => c with { Index = offset + c.Index }));
        }
        return all;
    }

    public IReadOnlyList<TextChunk> Chunk(string text, int? page = null, string? heading = null)
    {
        var chunks = new List<TextChunk>();
        var current = new List<Piece>();
        var currentTokens = 0;
        var carriedCount = 0;

        void Flush(bool keepOverlap)
        {
            if (current.Count == 0) return;
            chunks.Add(new TextChunk(chunks.Count, Join(current), currentTokens, page, heading));
            var carried = keepOverlap ? Tail(current) : [];
            current = carried;
            currentTokens = carried.Sum(p => p.Tokens);
            carriedCount = carried.Count;
        }

        foreach (var piece in Pieces(text))
        {
            if (piece.IsHeading && piece.Break != SegmentBreak.Sentence && currentTokens >= _budget / 2)
                Flush(keepOverlap: false);
            if (currentTokens + piece.Tokens > _budget)
            {
                Flush(keepOverlap: true);
                // No room for the overlap beside this piece: drop the overlap, not the piece.
                if (currentTokens + piece.Tokens > _budget) { current.Clear(); currentTokens = 0; carriedCount = 0; }
            }
            current.Add(piece);
            currentTokens += piece.Tokens;
        }
        // A tail that is only overlap adds nothing the previous chunk does not already hold.
        if (current.Count > carriedCount) Flush(keepOverlap: false);
        return chunks;
    }

    private List<Piece> Tail(List<Piece> pieces)
    {
        var tail = new List<Piece>();
        var tokens = 0;
        for (var i = pieces.Count - 1; i > 0; i--)
        {
            if (tokens + pieces[i].Tokens > _overlap) break;
            tail.Insert(0, pieces[i]);
            tokens += pieces[i].Tokens;
        }
        return tail;
    }

    /// <summary>Sentences with their token counts; a sentence over budget is cut at word, then character, boundaries.</summary>
    private IEnumerable<Piece> Pieces(string text)
    {
        foreach (var segment in Split(text))
        {
            var tokens = tokenizer.CountTokens(segment.Text);
            if (tokens <= _budget)
            {
                yield return new Piece(segment.Text, segment.Break, segment.IsHeading, tokens);
                continue;
            }
            var brk = segment.Break;
            foreach (var part in CutToBudget(segment.Text))
            {
                yield return new Piece(part, brk, false, tokenizer.CountTokens(part));
                brk = SegmentBreak.Sentence;
            }
        }
    }

    private IEnumerable<string> CutToBudget(string sentence)
    {
        var builder = new StringBuilder();
        var tokens = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordTokens = tokenizer.CountTokens(word);
            if (wordTokens > _budget)
            {
                if (builder.Length > 0) { yield return builder.ToString(); builder.Clear(); tokens = 0; }
                foreach (var slice in CutWord(word)) yield return slice;
                continue;
            }
            if (tokens + wordTokens > _budget && builder.Length > 0)
            {
                yield return builder.ToString();
                builder.Clear();
                tokens = 0;
            }
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(word);
            tokens += wordTokens;
        }
        if (builder.Length > 0) yield return builder.ToString();
    }

    // A run without spaces (a URL, a base64 blob, a 1 MB line): halve until each slice fits.
    private IEnumerable<string> CutWord(string word)
    {
        if (tokenizer.CountTokens(word) <= _budget || word.Length <= 1) { yield return word; yield break; }
        var middle = word.Length / 2;
        if (char.IsHighSurrogate(word[middle - 1])) middle++;
        foreach (var slice in CutWord(word[..middle])) yield return slice;
        foreach (var slice in CutWord(word[middle..])) yield return slice;
    }

    private static string Join(List<Piece> pieces)
    {
        var builder = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (builder.Length > 0)
                builder.Append(piece.Break switch { SegmentBreak.Paragraph => "\n\n", SegmentBreak.Line => "\n", _ => " " });
            builder.Append(piece.Text.Trim());
        }
        return builder.ToString();
    }
}
