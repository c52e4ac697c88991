using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RagChat.Api.Embeddings;

namespace RagChat.Api.Attention;

/// <summary>One sequence's pass through the derived graph: its token vectors and every layer's attention.</summary>
public sealed record AttentionPass(int Tokens, float[] Hidden, float[][][][] Attention)
{
    public ReadOnlySpan<float> TokenVector(int token) => Hidden.AsSpan(token * OnnxEmbeddingGenerator.Dimensions, OnnxEmbeddingGenerator.Dimensions);
}

/// <summary>
/// Runs the derived graph of <see cref="AttentionGraph"/>. It is built on first use, so the service's
/// start-up and its embedding path never pay for it.
/// </summary>
public sealed class AttentionModel : IDisposable
{
    private readonly Lazy<(InferenceSession Session, IReadOnlyList<string> Outputs)> _session;

    public AttentionModel(IOptions<EmbeddingOptions> options)
    {
        var modelFile = Path.Combine(options.Value.ResolveModelFolder(), "model.onnx");
        _session = new Lazy<(InferenceSession, IReadOnlyList<string>)>(() =>
        {
            var derived = AttentionGraph.Derive(File.ReadAllBytes(modelFile));
            return (new InferenceSession(derived.Model), derived.AttentionOutputs);
        });
    }

    public int Layers => _session.Value.Outputs.Count;

    /// <summary>
    /// Runs padded sequences as one batch; each result covers its own tokens, and with
    /// <paramref name="keepPaddedKeys"/> its attention rows also keep the padded key positions.
    /// </summary>
    public IReadOnlyList<AttentionPass> Run(IReadOnlyList<IReadOnlyList<int>> sequences, bool keepPaddedKeys = false)
    {
        var (session, outputs) = _session.Value;
        var length = sequences.Max(s => s.Count);
        var ids = new long[sequences.Count * length];
        var mask = new long[ids.Length];
        for (var b = 0; b < sequences.Count; b++)
            for (var t = 0; t < sequences[b].Count; t++) { ids[b * length + t] = sequences[b][t]; mask[b * length + t] = 1; }

        long[] shape = [sequences.Count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue, ["token_type_ids"] = typesValue };
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, inputs, ["last_hidden_state", .. outputs]);

        var passes = new List<AttentionPass>(sequences.Count);
        var hidden = results[0].GetTensorDataAsSpan<float>();
        var dims = OnnxEmbeddingGenerator.Dimensions;
        for (var b = 0; b < sequences.Count; b++)
        {
            var n = sequences[b].Count;
            var vectors = new float[n * dims];
            for (var t = 0; t < n; t++) hidden.Slice((b * length + t) * dims, dims).CopyTo(vectors.AsSpan(t * dims));
            var layers = new float[outputs.Count][][][];
            for (var l = 0; l < outputs.Count; l++) layers[l] = Slice(results[l + 1], b, n, keepPaddedKeys ? length : n, length);
            passes.Add(new AttentionPass(n, vectors, layers));
        }
        return passes;
    }

    /// <summary>[heads][query][key] of batch item <paramref name="b"/>: its <paramref name="n"/> query tokens, <paramref name="keys"/> key positions.</summary>
    private static float[][][] Slice(OrtValue probabilities, int b, int n, int keys, int length)
    {
        var shape = probabilities.GetTensorTypeAndShape().Shape; // [batch, heads, length, length]
        var heads = (int)shape[1];
        var data = probabilities.GetTensorDataAsSpan<float>();
        var result = new float[heads][][];
        for (var h = 0; h < heads; h++)
        {
            result[h] = new float[n][];
            for (var q = 0; q < n; q++)
                result[h][q] = data.Slice(((b * heads + h) * length + q) * length, keys).ToArray();
        }
        return result;
    }

    public void Dispose()
    {
        if (_session.IsValueCreated) _session.Value.Session.Dispose();
    }
}
