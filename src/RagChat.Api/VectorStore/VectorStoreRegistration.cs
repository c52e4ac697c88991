using RagChat.Api.VectorStore.Embedded;
using RagChat.Api.VectorStore.Qdrant;

namespace RagChat.Api.VectorStore;

public static class VectorStoreRegistration
{
    public static IServiceCollection AddChunkStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VectorStoreOptions>().BindConfiguration(VectorStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => o.Provider != VectorStoreProvider.Qdrant || Uri.TryCreate(o.Qdrant.Endpoint, UriKind.Absolute, out _),
                "VectorStore:Qdrant:Endpoint must be an absolute URL such as http://localhost:6334.")
            .Validate(o => o.Embedded.RescoreFactor is >= 1 and <= 100, "VectorStore:Embedded:RescoreFactor must be between 1 and 100.");
        var provider = configuration.GetValue(VectorStoreOptions.Section + ":Provider", VectorStoreProvider.Embedded);
        if (provider == VectorStoreProvider.Qdrant) services.AddSingleton<IChunkStore, QdrantChunkStore>();
        else services.AddSingleton<IChunkStore, EmbeddedChunkStore>();
        return services;
    }
}
