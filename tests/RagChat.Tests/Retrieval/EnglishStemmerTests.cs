using RagChat.Api.Common;

namespace RagChat.Tests.Retrieval;

public sealed class EnglishStemmerTests
{
    // Examples from Porter's 1980 paper, one or more per rule.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("operator", "oper")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("formality", "formal")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("allowance", "allow")]
    [InlineData("adjustment", "adjust")]
    [InlineData("adoption", "adopt")]
    [InlineData("effective", "effect")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("controlling", "control")]
    [InlineData("generalizations", "gener")]
    public void StemsAsPortersAlgorithmDoes(string word, string stem) => Assert.Equal(stem, EnglishStemmer.Stem(word));

    [Theory]
    [InlineData("bm25")]
    [InlineData("is")]
    [InlineData("naïve")]
    public void LeavesShortAndNonLetterWordsAlone(string word) => Assert.Equal(word, EnglishStemmer.Stem(word));

    [Fact]
    public void InflectionsShareOneLexicalTerm()
    {
        Assert.Equal(TextTerms.Extract("retrieves documents"), TextTerms.Extract("retrieved document"));
    }
}
