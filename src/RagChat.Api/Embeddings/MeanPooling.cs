using System.Numerics.Tensors;

namespace RagChat.Api.Embeddings;

/// <summary>Sentence-transformers pooling: the mean of the token vectors under the attention mask, L2-normalised.</summary>
public static class MeanPooling
{
    /// <param name="hidden">One sequence's token vectors, row-major [sequenceLength, dimensions].</param>
    /// <param name="mask">1 for real tokens, 0 for padding.</param>
    /// <param name="dimensions">Width of one token vector.</param>
    public static float[] Pool(ReadOnlySpan<float> hidden, ReadOnlySpan<long> mask, int dimensions)
    {
        var sum = new float[dimensions];
        var count = 0;
        for (var t = 0; t < mask.Length; t++)
        {
            if (mask[t] == 0) continue;
            TensorPrimitives.Add(sum, hidden.Slice(t * dimensions, dimensions), sum);
            count++;
        }
        if (count > 0) TensorPrimitives.Divide(sum, count, sum);
        Normalize(sum);
        return sum;
    }

    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        // The same clamp as torch.nn.functional.normalize: a zero vector stays zero instead of NaN.
        TensorPrimitives.Divide(vector, MathF.Max(norm, 1e-12f), vector);
    }
}
