using Microsoft.OpenApi;

namespace RagChat.Api.Common;

public static class SwaggerSetup
{
    public static IServiceCollection AddRagChatSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "RagChat API",
                Version = "v1",
                Description = "Ingest documents, search them, and chat with them: answers cite the chunks they come from.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "RagChat.Api.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
        });
        return services;
    }

    public static WebApplication UseRagChatSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "RagChat API");
        return app;
    }
}
