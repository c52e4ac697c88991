using Microsoft.ML.OnnxRuntime;
using RagChat.Api.Embeddings;

namespace RagChat.Bench;

/// <summary>
/// A bare session of the same model with the same session options as our generator; optionally with
/// ONNX Runtime's spin-waiting of idle intra-op threads turned off (session.intra_op.allow_spinning = 0).
/// </summary>
public sealed class RawOnnx : IDisposable
{
    private readonly InferenceSession _session;

    public RawOnnx(string modelFile, bool allowSpinning = true)
    {
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (!allowSpinning) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(modelFile, sessionOptions);
    }

    public float Run(IReadOnlyList<string> texts, IEnumerable<int[]> batches, WordPieceTokenizer tokenizer, int maxTokens, bool pool, float[]? into = null)
    {
        var checksum = 0f;
        foreach (var batch in batches)
        {
            var encoded = batch.Select(i => tokenizer.EncodeForModel(texts[i], maxTokens)).ToArray();
            var length = encoded.Max(e => e.Count);
            var ids = new long[batch.Length * length];
            var mask = new long[ids.Length];
            for (var b = 0; b < encoded.Length; b++)
                for (var t = 0; t < encoded[b].Count; t++)
                    (ids[b * length + t], mask[b * length + t]) = (encoded[b][t], 1);
            long[] shape = [batch.Length, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
            var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue };
            if (_session.InputMetadata.ContainsKey("token_type_ids")) inputs["token_type_ids"] = typesValue;
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, inputs, ["last_hidden_state"]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            checksum += hidden[0];
            if (!pool) continue;
            var stride = length * OnnxEmbeddingGenerator.Dimensions;
            for (var b = 0; b < batch.Length; b++)
            {
                var vector = MeanPooling.Pool(hidden.Slice(b * stride, stride), mask.AsSpan(b * length, length), OnnxEmbeddingGenerator.Dimensions);
                checksum += vector[0];
                if (into is not null) vector.CopyTo(into);
            }
        }
        return checksum;
    }

    /// <summary>One text's embedding, pooled and normalised as our generator does.</summary>
    public float[] EmbedOne(string text, WordPieceTokenizer tokenizer, int maxTokens)
    {
        var pooled = new float[OnnxEmbeddingGenerator.Dimensions];
        Run([text], [[0]], tokenizer, maxTokens, pool: true, into: pooled);
        return pooled;
    }

    public void Dispose() => _session.Dispose();
}
