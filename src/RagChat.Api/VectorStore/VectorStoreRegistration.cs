using RagChat.Api.VectorStore.Embedded;

namespace RagChat.Api.VectorStore;

public static class VectorStoreRegistration
{
    public static IServiceCollection AddChunkStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VectorStoreOptions>().BindConfiguration(VectorStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetValue(VectorStoreOptions.Section + ":Provider", VectorStoreProvider.Embedded);
        if (provider == VectorStoreProvider.Qdrant)
            throw new InvalidOperationException("VectorStore:Provider = Qdrant is not available in this build yet; use Embedded (the default).");
        services.AddSingleton<IChunkStore, EmbeddedChunkStore>();
        return services;
    }
}
