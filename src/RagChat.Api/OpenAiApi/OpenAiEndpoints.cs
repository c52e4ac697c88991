using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RagChat.Api.Chat;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Chat.Streaming;
using RagChat.Api.Common;
using RagChat.Api.Ingestion;
using RagChat.Api.VectorStore;

namespace RagChat.Api.OpenAiApi;

/// <summary>
/// OpenAI's chat completions API in front of RagChat, so OpenAI SDKs and chat UIs can use it as they are:
/// <c>model</c> names the collection, the answer is the assistant message, and the sources travel in a
/// <c>ragchat</c> extension field (on the response, and on a last stream chunk with empty choices).
/// </summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("OpenAI-compatible").AddEndpointFilter<BearerKeyFilter>();

        group.MapPost("/chat/completions", CompleteAsync)
            .WithName("OpenAiChatCompletions")
            .WithSummary("OpenAI-compatible chat completion (stream: true for chat.completion.chunk events ending with [DONE]); model = collection or \"ragchat\".")
            .Produces<OpenAiChatCompletion>()
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .Produces<OpenAiError>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiError>(StatusCodes.Status401Unauthorized)
            .Produces<OpenAiError>(StatusCodes.Status404NotFound);

        group.MapGet("/models", ListModelsAsync)
            .WithName("OpenAiModels")
            .WithSummary("The collections, as OpenAI models (\"ragchat\" is the default collection).");

        return app;
    }

    private static async Task<Results<Ok<OpenAiChatCompletion>, EmptyHttpResult, JsonHttpResult<OpenAiError>>> CompleteAsync(
        OpenAiChatRequest request, ChatService chat, IChunkStore store, HttpContext context, ILogger<ChatService> logger)
    {
        var cancellationToken = context.RequestAborted;
        // Chat UIs send their own model names (gpt-4o); answering "no documents" would hide the mistake.
        if (!await IsKnownModelAsync(request.Model, store, cancellationToken))
            return TypedResults.Json(new OpenAiError(new OpenAiErrorDetail(
                $"The model '{request.Model}' does not exist: use \"ragchat\" or the name of a collection (GET /v1/models).", "invalid_request_error", "model_not_found")),
                statusCode: StatusCodes.Status404NotFound);
        var chatRequest = ToChatRequest(request);
        var events = await chat.BeginAsync(chatRequest, cancellationToken);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var model = request.Model ?? OpenAiApiOptions.DefaultModel;

        if (request.Stream != true)
        {
            var collector = new ChatResponseCollector();
            try
            {
                await foreach (var chatEvent in events) collector.Add(chatEvent);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw GenerationFailedException.From(e);
            }
            var answer = collector.Build();
            return TypedResults.Ok(new OpenAiChatCompletion(id, "chat.completion", created, model,
                [new OpenAiChoice(0, new OpenAiResponseMessage("assistant", answer.Answer), "stop")],
                OpenAiUsage.From(answer.Usage), RagChatExtension.From(answer)));
        }

        await using var writer = SseWriter.Start(context);
        var json = SseWriter.JsonOptions(context);
        var stream = new OpenAiChunkStream(id, created, model);
        await foreach (var chatEvent in events.EndWithErrorEventAsync(logger, cancellationToken))
        {
            foreach (var data in stream.Translate(chatEvent))
                await writer.WriteDataAsync(data is string text ? text : JsonSerializer.Serialize(data, data.GetType(), json), cancellationToken);
        }
        return TypedResults.Empty;
    }

    private static async Task<Ok<OpenAiModelList>> ListModelsAsync(IChunkStore store, CancellationToken cancellationToken)
    {
        var collections = (await store.ListDocumentsAsync(null, null, cancellationToken)).Select(d => d.Collection).Distinct().Order(StringComparer.Ordinal);
        var models = new[] { OpenAiApiOptions.DefaultModel }.Concat(collections.Where(c => c != IngestionRules.DefaultCollection))
            .Select(name => new OpenAiModel(name, "model", 0, "ragchat")).ToList();
        return TypedResults.Ok(new OpenAiModelList("list", models));
    }

    private static async Task<bool> IsKnownModelAsync(string? model, IChunkStore store, CancellationToken cancellationToken) =>
        CollectionOf(model) is not { } collection
        || IngestionRules.IsValidCollection(collection) && (await store.ListDocumentsAsync(collection, null, cancellationToken)).Count > 0;

    private static string? CollectionOf(string? model) =>
        string.IsNullOrWhiteSpace(model) || model == OpenAiApiOptions.DefaultModel ? null : model;

    private static ChatRequest ToChatRequest(OpenAiChatRequest request)
    {
        var collection = CollectionOf(request.Model);
        new Validation()
            .Require(request.Messages is { Count: > 0 }, "messages", "'messages' must hold at least the user's question.")
            .Require(request.Messages is null || request.Messages.All(m => m is not null), "messages", "'messages' must not contain null entries.")
            .ThrowIfInvalid();
        var turns = request.Messages!.Select(m => new ChatTurn(m.Role == "developer" ? "system" : m.Role, m.Text())).ToList();
        return new ChatRequest(null, turns, collection, null, null, null);
    }
}
