using RagChat.Api.Common;

namespace RagChat.Tests.Retrieval;

public sealed class TextTermsTests
{
    [Fact]
    public void EnglishWordsAreLowerCasedAndCounted()
    {
        var terms = TextTerms.Count("The Cat saw the cat. A cat!");

        Assert.Equal(3, terms["cat"]);
        Assert.Equal(2, terms["the"]);
        Assert.Equal(1, terms["saw"]);
        Assert.False(terms.ContainsKey("a")); // one-letter words carry no signal
    }

    [Fact]
    public void HangulWordsBecomeSyllableBigramsSoParticlesDoNotHideTheStem()
    {
        var withObjectParticle = TextTerms.Count("문서를");
        var withAndParticle = TextTerms.Count("문서와 검색");

        Assert.Equal(["문서", "서를"], withObjectParticle.Keys.Order());
        Assert.Contains("문서", withAndParticle.Keys);
        Assert.Contains("검색", withAndParticle.Keys);
    }

    [Fact]
    public void MixedScriptWordsSplitIntoTheirRuns()
    {
        var terms = TextTerms.Count("RAG는 BM25와");

        Assert.Contains("rag", terms.Keys);
        Assert.Contains("bm25", terms.Keys);
        Assert.Contains("는", terms.Keys);
        Assert.Contains("와", terms.Keys);
    }

    [Fact]
    public void DecomposedHangulIsComposedFirst()
    {
        var decomposed = "문서".Normalize(System.Text.NormalizationForm.FormD);

        Assert.Equal(["문서"], TextTerms.Count(decomposed).Keys);
    }
}
