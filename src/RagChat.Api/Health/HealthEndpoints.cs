using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagChat.Api.Health;

/// <summary>The state of one dependency.</summary>
public sealed record HealthCheckEntry(string Name, string Status, string? Description);

/// <summary>Overall state ("Healthy", "Degraded", "Unhealthy") and, for readiness, each check.</summary>
public sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckEntry> Checks);

public static class HealthEndpoints
{
    public static IServiceCollection AddRagChatHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<ModelHealthCheck>("embedding-model")
            .AddCheck<GeneratorHealthCheck>("generator");
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");

        // Liveness runs no checks: the process answers, so it is alive; dependencies belong to readiness.
        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("Healthy", [])))
            .WithName("Live").WithSummary("Liveness: the process is up.");

        group.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("Readiness: the chunk store, the embedding model and the generator (503 when one is down).")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReadyAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var body = new HealthResponse(report.Status.ToString(),
            report.Entries.Select(e => new HealthCheckEntry(e.Key, e.Value.Status.ToString(), e.Value.Description)).ToList());
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}
