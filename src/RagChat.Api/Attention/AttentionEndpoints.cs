using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RagChat.Api.Common;
using RagChat.Api.Embeddings;

namespace RagChat.Api.Attention;

/// <summary>What the embedding model looks at: its own self-attention, and a question's attention over a source.</summary>
public static class AttentionEndpoints
{
    // A 254-piece text has 6 × 12 maps of 65,536 weights: as JSON or SVG that is tens of megabytes from a
    // 1 KB request. Larger answers must name a layer or head (or use a shorter text).
    private const int MaxJsonWeights = 1_200_000;
    private const int MaxSvgCells = 150_000;

    public static IEndpointRouteBuilder MapAttentionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attention").WithTags("Attention");

        group.MapPost("/self", Self)
            .WithName("SelfAttention")
            .WithSummary("The embedding model's attention maps for a text: JSON, or an SVG heatmap with Accept: image/svg+xml or ?format=svg.")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem();

        group.MapPost("/cross", Cross)
            .WithName("CrossAttention")
            .WithSummary("Question-to-source attention softmax(Q·Kᵀ/√d): which source words the question attends to (JSON or SVG).")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem();

        return app;
    }

    private static Results<Ok<SelfAttentionResponse>, ContentHttpResult> Self(
        SelfAttentionRequest request, string? format, HttpContext context, AttentionModel model, WordPieceTokenizer tokenizer, IOptions<EmbeddingOptions> options)
    {
        var pieces = AttentionInput.Pieces(tokenizer, request.Text, "text", options.Value.MaxTokens);
        new Validation().InRange(request.Layer, 0, model.Layers - 1, "layer").ThrowIfInvalid();
        var pass = model.Run([AttentionInput.WithSpecialTokens(tokenizer, pieces)])[0];
        var heads = pass.Attention[0].Length;
        new Validation().InRange(request.Head, 0, heads - 1, "head").ThrowIfInvalid();

        var labels = AttentionInput.Labels(request.Text!, pieces, withSpecialTokens: true);
        var cells = labels.Count * labels.Count;
        if (WantsSvg(context, format))
        {
            new Validation().Require((request.Head is null ? heads : 1) * cells <= MaxSvgCells, "head",
                $"A picture of all {heads} heads of {labels.Count} tokens is too large; give 'head' or a shorter text.").ThrowIfInvalid();
            // A picture shows one layer: the one asked for, else the last (closest to the embedding).
            var layer = request.Layer ?? model.Layers - 1;
            var headIndexes = request.Head is { } h ? [h] : Enumerable.Range(0, heads).ToArray();
            var panels = headIndexes.Select(i => new HeatmapSvg.Panel($"head {i}", pass.Attention[layer][i])).ToList();
            var title = $"Self-attention of all-MiniLM-L6-v2, layer {layer}" + (request.Head is { } one ? $", head {one}" : $", all {heads} heads");
            return Svg(HeatmapSvg.Render(title, labels, labels, panels));
        }

        new Validation().Require((request.Layer is null ? model.Layers : 1) * (request.Head is null ? heads : 1) * cells <= MaxJsonWeights, "layer",
            $"Every layer and head of {labels.Count} tokens is too much for one answer; give 'layer' and/or 'head', or a shorter text.").ThrowIfInvalid();
        var layerIndexes = request.Layer is { } l ? [l] : Enumerable.Range(0, model.Layers).ToArray();
        var selectedHeads = request.Head is { } hd ? [hd] : Enumerable.Range(0, heads).ToArray();
        var attention = layerIndexes.Select(li => selectedHeads.Select(hi => Round(pass.Attention[li][hi])).ToArray()).ToArray();
        var tokens = new[] { "[CLS]" }.Concat(pieces.Select(p => p.Token)).Append("[SEP]").ToList();
        return TypedResults.Ok(new SelfAttentionResponse(tokens, labels, model.Layers, heads, layerIndexes, selectedHeads, attention));
    }

    private static Results<Ok<CrossAttentionResponse>, ContentHttpResult> Cross(
        CrossAttentionRequest request, string? format, HttpContext context, CrossAttention cross, IOptions<EmbeddingOptions> options)
    {
        var result = cross.Compute(request.Query!, request.Text!, options.Value.MaxTokens);
        var queryLabels = AttentionInput.Labels(request.Query!, result.Query, withSpecialTokens: false);
        var sourceLabels = AttentionInput.Labels(request.Text!, result.Source, withSpecialTokens: false);
        if (WantsSvg(context, format))
        {
            var panels = new[] { new HeatmapSvg.Panel("question tokens (rows) → source tokens (columns)", result.Weights) };
            return Svg(HeatmapSvg.Render("Question-to-source attention, softmax(Q·Kᵀ/√d), d = 384", queryLabels, sourceLabels, panels));
        }

        var sourceTokens = result.Source.Select((p, i) => new SourceToken(p.Token, p.Start, p.Length, MathF.Round(result.SourceWeights[i], 5))).ToList();
        return TypedResults.Ok(new CrossAttentionResponse(result.Query.Select(p => p.Token).ToList(), sourceTokens, Round(result.Weights)));
    }

    private static bool WantsSvg(HttpContext context, string? format) =>
        string.Equals(format, "svg", StringComparison.OrdinalIgnoreCase)
        || context.Request.Headers.Accept.Any(a => a?.Contains("image/svg+xml", StringComparison.OrdinalIgnoreCase) == true);

    private static ContentHttpResult Svg(string svg) => TypedResults.Text(svg, "image/svg+xml; charset=utf-8");

    // Five decimals keep a 256×256 map readable as JSON without changing what it shows.
    private static float[][] Round(float[][] matrix) => matrix.Select(row => row.Select(v => MathF.Round(v, 5)).ToArray()).ToArray();
}
