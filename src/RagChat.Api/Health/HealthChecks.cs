using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Common;
using RagChat.Api.VectorStore;

namespace RagChat.Api.Health;

public sealed class StoreHealthCheck(IChunkStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckReadyAsync(cancellationToken);
            return HealthCheckResult.Healthy("The chunk store answers.");
        }
        catch (DependencyUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

public sealed class ModelHealthCheck(IEmbeddingGenerator<string, Embedding<float>> embeddings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Resolving the generator loaded the model; a missing model fails start-up, not this check.
        var metadata = embeddings.GetService<EmbeddingGeneratorMetadata>();
        return Task.FromResult(HealthCheckResult.Healthy($"{metadata?.DefaultModelId} loaded ({metadata?.DefaultModelDimensions} dimensions)."));
    }
}

public sealed class GeneratorHealthCheck(IAnswerGenerator generator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy($"Answers come from {generator.Name}."));
}
