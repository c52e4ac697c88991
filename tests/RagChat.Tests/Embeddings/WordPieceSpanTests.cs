using RagChat.Tests.Embeddings;

namespace RagChat.Tests.Embeddings;

public sealed class WordPieceSpanTests(EmbeddingModelFixture model) : IClassFixture<EmbeddingModelFixture>
{
    [Fact]
    public void PiecesPointBackAtTheOriginalText()
    {
        const string text = "Café, MLflow! 장점";

        var pieces = model.Generator.Tokenizer.Pieces(text);

        Assert.Equal(["cafe", ",", "ml", "##flow", "!", "ᄌ", "##ᅡ", "##ᆼ", "##ᄌ", "##ᅥ", "##ᆷ"], pieces.Select(p => p.Token));
        Assert.Equal("Café", text.Substring(pieces[0].Start, pieces[0].Length));
        Assert.Equal("ML", text.Substring(pieces[2].Start, pieces[2].Length));
        Assert.Equal("flow", text.Substring(pieces[3].Start, pieces[3].Length));
        Assert.Equal("장", text.Substring(pieces[5].Start, pieces[5].Length));
        Assert.Equal("점", text.Substring(pieces[10].Start, pieces[10].Length));
    }
}
