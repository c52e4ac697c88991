using Microsoft.Extensions.AI;

namespace RagChat.Api.Embeddings;

public static class EmbeddingsRegistration
{
    public static IServiceCollection AddLocalEmbeddings(this IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OnnxEmbeddingGenerator>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>());
        services.AddSingleton(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>().Tokenizer);
        return services;
    }
}
