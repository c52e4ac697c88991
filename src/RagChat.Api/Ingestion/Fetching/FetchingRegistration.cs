namespace RagChat.Api.Ingestion.Fetching;

public static class FetchingRegistration
{
    /// <summary>The URL fetcher owns its HttpClient: its handler carries the address guard, which a shared factory client must not.</summary>
    public static IServiceCollection AddUrlFetching(this IServiceCollection services)
    {
        services.AddOptions<UrlFetchOptions>().BindConfiguration(UrlFetchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UrlFetcher>();
        return services;
    }
}
