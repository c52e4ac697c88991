using RagChat.Api.Common;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Chat.Retrieval;

/// <summary>Overrides of Retrieval:Fusion for one request; unset fields keep the configured values.</summary>
/// <param name="K">Reciprocal Rank Fusion's k (1-1000).</param>
/// <param name="DenseWeight">Weight of the dense (embedding) ranking (0-10).</param>
/// <param name="LexicalWeight">Weight of the lexical (BM25) ranking (0-10).</param>
public sealed record FusionRequest(int? K, float? DenseWeight, float? LexicalWeight);

/// <summary>A request's retrieval mode and fusion, parsed and checked, with the configured defaults filled in.</summary>
public static class RetrievalChoice
{
    public static readonly string[] Modes = ["dense", "lexical", "hybrid"];

    public static void Validate(Validation validation, string? mode, FusionRequest? fusion) =>
        validation
            .Require(mode is null || Modes.Contains(mode, StringComparer.OrdinalIgnoreCase), "mode", "'mode' must be \"dense\", \"lexical\" or \"hybrid\".")
            .InRange(fusion?.K, 1, 1000, "fusion.k")
            .InRange(fusion?.DenseWeight, 0f, 10f, "fusion.denseWeight")
            .InRange(fusion?.LexicalWeight, 0f, 10f, "fusion.lexicalWeight");

    public static RetrievalMode Mode(string? mode, RetrievalOptions defaults) =>
        mode is null ? defaults.Mode : Enum.Parse<RetrievalMode>(mode, ignoreCase: true);

    /// <summary>The request's fusion over the configured one; a mostly Hangul query gets Retrieval:Fusion:HangulDenseWeight unless the request sets a dense weight.</summary>
    public static FusionSettings Fusion(FusionRequest? fusion, RetrievalOptions defaults, string query)
    {
        var configuredDense = TextTerms.IsMostlyHangul(query) ? defaults.Fusion.HangulDenseWeight : defaults.Fusion.DenseWeight;
        return new(fusion?.K ?? defaults.Fusion.K, fusion?.DenseWeight ?? configuredDense, fusion?.LexicalWeight ?? defaults.Fusion.LexicalWeight);
    }

    public static string Name(RetrievalMode mode) => mode.ToString().ToLowerInvariant();
}
