namespace RagChat.Api.Attention;

/// <summary>A text to show the model's own attention for.</summary>
/// <param name="Text">At most 254 word pieces (256 with [CLS] and [SEP]).</param>
/// <param name="Layer">0-based layer (0-5); omitted: every layer (JSON) or the last layer (SVG).</param>
/// <param name="Head">0-based head (0-11); omitted: every head.</param>
public sealed record SelfAttentionRequest(string? Text, int? Layer, int? Head);

/// <summary>
/// The attention probabilities softmax(Q·Kᵀ/√d_k) of the embedding model: <c>attention[layer][head][query][key]</c>,
/// each row summing to 1, for the layers and heads in <see cref="LayerIndexes"/> and <see cref="HeadIndexes"/>.
/// </summary>
public sealed record SelfAttentionResponse(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<string> Labels,
    int Layers,
    int Heads,
    IReadOnlyList<int> LayerIndexes,
    IReadOnlyList<int> HeadIndexes,
    float[][][][] Attention);

/// <summary>A question and a source text: which words of the source does the question attend to?</summary>
public sealed record CrossAttentionRequest(string? Query, string? Text);

/// <summary>A word piece of the source and where it stands in the source text.</summary>
public sealed record SourceToken(string Token, int Start, int Length, float Weight);

/// <summary>
/// softmax(Q·Kᵀ/√d) with Q the question's contextual token vectors and K = V the source's (d = 384):
/// <c>weights[queryToken][sourceToken]</c>; each source token's <c>weight</c> is its share of the
/// question's attention (the column mean, so all of them sum to 1).
/// </summary>
public sealed record CrossAttentionResponse(IReadOnlyList<string> QueryTokens, IReadOnlyList<SourceToken> SourceTokens, float[][] Weights);

/// <summary>A span of a cited chunk that the question attends to most.</summary>
public sealed record Highlight(int Start, int Length, string Text, float Weight);
