using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RagChat.Api.VectorStore.Embedded;

/// <summary>
/// One document's chunk vectors quantised to int8, each row with its own scale (max |x| / 127), all in a
/// single array: [count][dimensions][count scales][count × dimensions values]. A scan then streams
/// through one allocation per document instead of chasing a float[] per chunk, and reads a quarter of the bytes.
/// </summary>
public readonly struct Int8Vectors
{
    private const int HeaderBytes = 8;
    private readonly sbyte[] _block;

    public Int8Vectors(sbyte[] block) => _block = block;

    public int Count => MemoryMarshal.Read<int>(MemoryMarshal.AsBytes(_block.AsSpan(0, 4)));

    /// <summary>Width of every row; -1 when the chunks' vectors differ in size (the caller then scores them exactly).</summary>
    public int Dimensions => MemoryMarshal.Read<int>(MemoryMarshal.AsBytes(_block.AsSpan(4, 4)));

    public static sbyte[] Build(IReadOnlyList<StoredChunk> chunks)
    {
        var dimensions = chunks.Count > 0 ? chunks[0].Vector.Length : 0;
        if (chunks.Any(c => c.Vector.Length != dimensions)) dimensions = -1;
        var rows = dimensions < 0 ? 0 : chunks.Count;
        var block = new sbyte[HeaderBytes + rows * (sizeof(float) + Math.Max(dimensions, 0))];
        var bytes = MemoryMarshal.AsBytes(block.AsSpan());
        MemoryMarshal.Write(bytes, chunks.Count);
        MemoryMarshal.Write(bytes[4..], dimensions);
        var scales = MemoryMarshal.Cast<byte, float>(bytes.Slice(HeaderBytes, rows * sizeof(float)));
        for (var i = 0; i < rows; i++)
            scales[i] = Quantize(chunks[i].Vector, block.AsSpan(HeaderBytes + rows * sizeof(float) + i * dimensions, dimensions));
        return block;
    }

    /// <summary>Writes round(x / scale) into <paramref name="into"/> and returns the scale, so x ≈ scale × value.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        // MaxMagnitude returns the signed element of largest magnitude, hence the Abs.
        var scale = vector.Length > 0 ? MathF.Abs(TensorPrimitives.MaxMagnitude(vector)) / 127f : 0f;
        for (var i = 0; i < vector.Length; i++)
            into[i] = scale == 0 ? (sbyte)0 : (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        return scale;
    }

    /// <summary>Each row's scale: row i ≈ Scales[i] × its values.</summary>
    public ReadOnlySpan<float> Scales => MemoryMarshal.Cast<sbyte, float>(_block.AsSpan(HeaderBytes, RowCount * sizeof(float)));

    /// <summary>All rows, back to back (Count × Dimensions; empty when <see cref="Dimensions"/> is -1).</summary>
    public ReadOnlySpan<sbyte> Values => _block.AsSpan(HeaderBytes + RowCount * sizeof(float));

    private int RowCount => Dimensions < 0 ? 0 : Count;

    /// <summary>The approximate dot product of row <paramref name="row"/> with a query quantised by <see cref="Quantize"/> and widened to int16.</summary>
    public float ApproximateDot(int row, ReadOnlySpan<short> query, float queryScale) =>
        Dot(Values.Slice(row * Dimensions, Dimensions), query) * (Scales[row] * queryScale);

    /// <summary>Σ a[i]·b[i] in int32. Values are within ±127, so each product fits int16 and the sums cannot overflow for any realistic width.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<short> b)
    {
        if (b.Length < a.Length) throw new ArgumentException("The query is shorter than the row.", nameof(b));
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported)
        {
            // 16 at a time: sign-extend int8 -> int16, then vpmaddwd multiplies pairs and adds them into int32 lanes.
            var accumulator = Vector256<int>.Zero;
            for (; i <= a.Length - 16; i += 16)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pa, (nuint)i));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref pb, (nuint)i)));
            }
            sum = Vector256.Sum(accumulator);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var accumulator = Vector128<int>.Zero;
            for (; i <= a.Length - 16; i += 16)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref pa, (nuint)i));
                var (p0, p1) = Vector128.Widen(low * Vector128.LoadUnsafe(ref pb, (nuint)i));
                var (p2, p3) = Vector128.Widen(high * Vector128.LoadUnsafe(ref pb, (nuint)(i + 8)));
                accumulator += p0 + p1 + p2 + p3;
            }
            sum = Vector128.Sum(accumulator);
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
