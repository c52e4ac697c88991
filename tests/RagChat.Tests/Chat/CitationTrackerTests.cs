using RagChat.Api.Chat;
using RagChat.Api.Chat.Citations;

namespace RagChat.Tests.Chat;

public sealed class CitationTrackerTests
{
    private static CitationTracker Tracker(int sources) => new(Enumerable.Range(1, sources)
        .Select(n => new CitableSource(new SourceInfo(n, $"doc{n}#0", $"doc{n}", $"Doc {n}", null, null, 0.5f), $"quote {n}")).ToList());

    [Fact]
    public void AMarkerSplitAcrossDeltasIsCitedOnceItCloses()
    {
        var tracker = Tracker(2);

        Assert.Empty(tracker.Observe("MLflow manages [")); 
        Assert.Empty(tracker.Observe("MLflow manages [2"));
        var cited = tracker.Observe("MLflow manages [2].");

        Assert.Equal("doc2", Assert.Single(cited).DocumentId);
    }

    [Fact]
    public void EachSourceIsCitedOnceInOrderOfFirstMention()
    {
        var tracker = Tracker(3);

        tracker.Observe("A [2]. B [1][2]. C [1, 3].", final: true);

        Assert.Equal([2, 1, 3], tracker.Cited.Select(c => c.N));
    }

    [Fact]
    public void MarkersThatPointAtNoSourceAreCountedNotCited()
    {
        var tracker = Tracker(1);

        tracker.Observe("Fact [1]. Invented [7]. Also [0].", final: true);

        Assert.Equal([1], tracker.Cited.Select(c => c.N));
        Assert.Equal(2, tracker.InvalidCount);
    }
}
