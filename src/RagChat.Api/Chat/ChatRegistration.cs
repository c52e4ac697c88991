using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RagChat.Api.Chat.Augmentation;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Chat.Streaming;

namespace RagChat.Api.Chat;

public static class ChatRegistration
{
    public const string LlmHttpClient = "llm";

    /// <summary>Retrieval, prompt building and the answer generator chosen by Llm:Provider.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Retriever>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<ChatTokenCounter>();
        services.AddSingleton<PromptPacker>();
        services.AddSingleton<GenerationStarter>();
        services.AddSingleton(sp => new QueryRewriter(sp.GetService<IChatCompletionService>(), sp.GetRequiredService<ILogger<QueryRewriter>>()));
        services.AddSingleton(sp => new PromptBuilder(sp.GetRequiredService<IOptions<LlmOptions>>().Value.PromptTemplateFile is { } file ? File.ReadAllText(file) : null));

        var provider = configuration.GetValue(LlmOptions.Section + ":Provider", LlmProvider.Extractive);
        if (provider == LlmProvider.Extractive)
        {
            services.AddSingleton<IAnswerGenerator, ExtractiveAnswerGenerator>();
            return services;
        }

        services.AddHttpClient(LlmHttpClient, (sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<LlmOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<IChatCompletionService>(sp => CreateChatService(
            sp.GetRequiredService<IOptions<LlmOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttpClient),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IAnswerGenerator, LlmAnswerGenerator>();
        return services;
    }

    private static IChatCompletionService CreateChatService(LlmOptions options, HttpClient http, ILoggerFactory logs) => options.Provider switch
    {
        LlmProvider.AzureOpenAI => new AzureOpenAIChatCompletionService(options.Model!, options.Endpoint!, options.ApiKey!, httpClient: http, loggerFactory: logs),
        LlmProvider.OpenAI when !string.IsNullOrWhiteSpace(options.Endpoint) =>
            new OpenAIChatCompletionService(options.Model!, new Uri(options.Endpoint), options.ApiKey, httpClient: http, loggerFactory: logs),
        LlmProvider.OpenAI => new OpenAIChatCompletionService(options.Model!, options.ApiKey!, httpClient: http, loggerFactory: logs),
        // Local servers (Ollama, vLLM, llama.cpp) usually ignore the key, but the client insists on one.
        _ => new OpenAIChatCompletionService(options.Model!, new Uri(options.Endpoint!), string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey, httpClient: http, loggerFactory: logs),
    };
}
