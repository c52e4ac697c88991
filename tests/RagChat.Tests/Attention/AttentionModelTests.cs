using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RagChat.Api.Attention;
using RagChat.Api.Embeddings;
using RagChat.Tests.Embeddings;

namespace RagChat.Tests.Attention;

public sealed class AttentionModelTests(EmbeddingModelFixture embeddings) : IClassFixture<EmbeddingModelFixture>, IDisposable
{
    private readonly AttentionModel _model = new(Options.Create(new EmbeddingOptions()));
    private WordPieceTokenizer Tokenizer => embeddings.Generator.Tokenizer;

    private IReadOnlyList<int> Encode(string text) => Tokenizer.EncodeForModel(text, 256);

    [Fact]
    public void TheDerivedGraphComputesTheSameLastHiddenState()
    {
        var ids = Encode("Attention lets every token look at every other token.");
        using var original = new InferenceSession(Path.Combine(new EmbeddingOptions().ResolveModelFolder(), "model.onnx"));
        long[] shape = [1, ids.Count];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Count).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Count], shape);
        using var runOptions = new RunOptions();
        using var results = original.Run(runOptions, new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = mask, ["token_type_ids"] = types }, ["last_hidden_state"]);
        var expected = results[0].GetTensorDataAsSpan<float>().ToArray();

        var derived = _model.Run([ids])[0].Hidden;

        Assert.Equal(expected.Length, derived.Length);
        Assert.All(expected.Zip(derived), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
    }

    [Fact]
    public void SixLayersOfTwelveHeadsWhoseRowsSumToOne()
    {
        var pass = _model.Run([Encode("RAG는 검색한 문서로 답을 만듭니다. It cites its sources.")])[0];

        Assert.Equal(6, pass.Attention.Length);
        Assert.All(pass.Attention, layer => Assert.Equal(12, layer.Length));
        foreach (var row in pass.Attention.SelectMany(layer => layer).SelectMany(head => head))
        {
            Assert.Equal(pass.Tokens, row.Length);
            Assert.Equal(1.0, row.Sum(), 1e-4);
        }
    }

    [Fact]
    public void PaddedPositionsGetNoWeight()
    {
        var shortIds = Encode("Short.");
        var longIds = Encode("A much longer sentence forces the short one to be padded in the batch.");

        var shortPass = _model.Run([shortIds, longIds], keepPaddedKeys: true)[0];

        foreach (var row in shortPass.Attention.SelectMany(layer => layer).SelectMany(head => head))
        {
            Assert.Equal(longIds.Count, row.Length);
            Assert.All(row[shortIds.Count..], weight => Assert.True(weight < 1e-6f, $"padding got {weight}"));
            Assert.Equal(1.0, row.Sum(), 1e-4);
        }
    }

    public void Dispose() => _model.Dispose();
}
