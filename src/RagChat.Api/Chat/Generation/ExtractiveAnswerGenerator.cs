using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using RagChat.Api.Common;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion.Chunking;

namespace RagChat.Api.Chat.Generation;

/// <summary>
/// The answer without an LLM: the sentences of the retrieved chunks that best match the question,
/// quoted verbatim with their [n] citations. A sentence's score is its cosine similarity to the question
/// (same embedding model as retrieval) plus its coverage of the question's terms, which carries Korean,
/// where the English model's dense signal is weak.
/// </summary>
public sealed partial class ExtractiveAnswerGenerator(IEmbeddingGenerator<string, Embedding<float>> embeddings) : IAnswerGenerator
{
    private const int MaxCandidates = 64;
    private const int MaxSentences = 3;
    private const double LexicalWeight = 0.5;
    private const double RunnerUpMargin = 0.08;

    public string Name => "extractive";

    private sealed record Candidate(int N, string Text, double Score, double Coverage);

    public async IAsyncEnumerable<AnswerPiece> GenerateAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chosen = await ChooseAsync(context, cancellationToken);
        var first = true;
        foreach (var sentence in chosen)
        {
            var text = (first ? "" : " ") + sentence.Text + $" [{sentence.N}]";
            first = false;
            // Word-sized pieces, so a client renders the extractive answer the way it renders an LLM's.
            foreach (Match word in WordWithSpace().Matches(text)) yield return new AnswerPiece(word.Value);
        }
    }

    private async Task<IReadOnlyList<Candidate>> ChooseAsync(AnswerContext context, CancellationToken cancellationToken)
    {
        var sentences = context.Sources
            .SelectMany(s => SentenceSplitter.Split(s.Hit.Text).Where(seg => !seg.IsHeading).Select(seg => (s.N, Text: Clean(seg.Text))))
            // Too short, code fences and list captions ("Key points:") say nothing on their own.
            .Where(s => s.Text.Length >= 8 && !s.Text.StartsWith("```", StringComparison.Ordinal) && !s.Text.EndsWith(':'))
            .DistinctBy(s => s.Text)
            .Take(MaxCandidates)
            .ToList();
        if (sentences.Count == 0) return [];

        var vectors = await embeddings.EmbedManyAsync(sentences.Select(s => s.Text).ToList(), cancellationToken);
        var questionTerms = TextTerms.Extract(context.Question);
        var ranked = sentences
            .Select((s, i) => (s, Coverage: TextTerms.Coverage(questionTerms, TextTerms.Extract(s.Text)), Dense: TensorPrimitives.Dot(context.QueryVector, vectors[i])))
            .Select(x => new Candidate(x.s.N, x.s.Text, x.Dense + LexicalWeight * x.Coverage, x.Coverage))
            .OrderByDescending(c => c.Score)
            .ToList();

        // Keep the runners-up only when they are nearly as good as the best: a short, focused answer.
        // A runner-up that shares no term with the question is only "about the same topic" (the dense
        // score of two sentences in one language is never far from the rest): leave it out.
        var floor = ranked[0].Score - RunnerUpMargin;
        var needsTerms = ranked[0].Coverage > 0;
        return ranked.Take(MaxSentences).Where((c, i) => i == 0 || (c.Score >= floor && (!needsTerms || c.Coverage > 0))).ToList();
    }

    /// <summary>Markdown list markers and emphasis read badly in a quote; keep the words.</summary>
    private static string Clean(string sentence) => Emphasis().Replace(ListMarker().Replace(sentence.Trim(), ""), "").Trim();

    [GeneratedRegex(@"^(?:[*+\->]\s+|\d+\.\s+)+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\*\*|__|`")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex WordWithSpace();
}
