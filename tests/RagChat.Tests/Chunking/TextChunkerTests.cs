using Microsoft.Extensions.Options;
using RagChat.Api.Embeddings;
using RagChat.Api.Ingestion;
using RagChat.Api.Ingestion.Chunking;
using RagChat.Tests.Embeddings;

namespace RagChat.Tests.Chunking;

public sealed class TextChunkerTests(EmbeddingModelFixture model) : IClassFixture<EmbeddingModelFixture>
{
    private WordPieceTokenizer Tokenizer => model.Generator.Tokenizer;

    private TextChunker Chunker(int size = 40, int overlap = 10) =>
        new(Tokenizer, Options.Create(new IngestionOptions { ChunkTokens = size, OverlapTokens = overlap }));

    private static string Sentences(int count) =>
        string.Join(" ", Enumerable.Range(1, count).Select(i => $"Sentence number {i} says something short."));

    [Fact]
    public void EveryChunkFitsTheTokenBudget()
    {
        var chunks = Chunker().Chunk(Sentences(60));

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.True(Tokenizer.CountTokens(c.Text) <= 40, $"{Tokenizer.CountTokens(c.Text)} tokens: {c.Text}"));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
    }

    [Fact]
    public void ChunksBreakBetweenSentencesNotInsideThem()
    {
        var chunks = Chunker().Chunk(Sentences(30));

        Assert.All(chunks, c => Assert.EndsWith("something short.", c.Text));
        Assert.All(chunks, c => Assert.StartsWith("Sentence number", c.Text));
    }

    [Fact]
    public void ConsecutiveChunksOverlapByTheirBoundarySentence()
    {
        var chunks = Chunker(size: 40, overlap: 12).Chunk(Sentences(20));

        for (var i = 1; i < chunks.Count; i++)
        {
            var lastSentenceOfPrevious = chunks[i - 1].Text[(chunks[i - 1].Text.LastIndexOf("Sentence", StringComparison.Ordinal))..];
            Assert.StartsWith(lastSentenceOfPrevious, chunks[i].Text);
        }
    }

    [Fact]
    public void NoOverlapMeansEverySentenceAppearsOnce()
    {
        var text = Sentences(25);
        var chunks = Chunker(size: 40, overlap: 0).Chunk(text);

        Assert.Equal(text, string.Join(" ", chunks.Select(c => c.Text)));
    }

    [Fact]
    public void KoreanSentenceEndingsAreBreakPoints()
    {
        var text = string.Concat(Enumerable.Repeat("어텐션은 중요한 단어에 집중합니다 RAG는 검색한 문서로 답을 만들어요 모델을 다시 학습하지 않아도 됩니다. ", 6));
        var chunks = Chunker(size: 60, overlap: 0).Chunk(text);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.Matches("(니다|어요)[.]?$", c.Text));
    }

    [Fact]
    public void ParagraphsStayTogetherAndHeadingsStartChunks()
    {
        var text = "# Setup\n\n" + Sentences(4) + "\n\n# Usage\n\nRun the service. Ask a question.";
        var chunks = Chunker(size: 60, overlap: 0).Chunk(text);

        Assert.StartsWith("# Usage", chunks[^1].Text);
        Assert.Contains("\n\n", chunks[0].Text);
    }

    [Fact]
    public void AHugeLineWithoutSpacesIsCutToFit()
    {
        var blob = new string('x', 20_000);
        var chunks = Chunker(size: 50, overlap: 10).Chunk(blob);

        Assert.All(chunks, c => Assert.True(Tokenizer.CountTokens(c.Text) <= 50));
        Assert.Equal(blob, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void ChunksOfSeveralSectionsAreNumberedWithoutGaps()
    {
        var sections = Enumerable.Range(1, 3).Select(p => new RagChat.Api.Ingestion.Reading.DocumentSection(Sentences(12), Page: p)).ToList();

        var chunks = Chunker().Chunk(sections);

        Assert.True(chunks.Count > 6);
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
        Assert.Equal([1, 2, 3], chunks.Select(c => c.Page!.Value).Distinct());
    }

    [Fact]
    public void EmptyTextHasNoChunks() => Assert.Empty(Chunker().Chunk("  \n\n "));
}
