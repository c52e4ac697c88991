using Microsoft.Extensions.AI;

namespace RagChat.Api.Embeddings;

public static class EmbeddingGeneratorExtensions
{
    public static async Task<float[]> EmbedOneAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator, string text, CancellationToken cancellationToken)
    {
        var result = await generator.GenerateAsync([text], cancellationToken: cancellationToken);
        return result[0].Vector.ToArray();
    }

    public static async Task<float[][]> EmbedManyAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0) return [];
        var result = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return result.Select(e => e.Vector.ToArray()).ToArray();
    }
}
