namespace RagChat.Api.Attention;

public static class AttentionRegistration
{
    public static IServiceCollection AddAttention(this IServiceCollection services)
    {
        services.AddSingleton<AttentionModel>();
        services.AddSingleton<CrossAttention>();
        return services;
    }
}
