using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagChat.Api.Health;

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
        // Liveness runs no checks: the process answers, so it is alive; dependencies belong to readiness.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .WithTags("Health").WithName("Live").WithSummary("Liveness: the process is up.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteJsonAsync })
            .WithTags("Health").WithName("Ready").WithSummary("Readiness: the store, the embedding model and the generator.");
        return app;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
