using Microsoft.AspNetCore.Http.HttpResults;
using RagChat.Api.Chat.Generation;
using RagChat.Api.Chat.Streaming;

namespace RagChat.Api.Chat;

public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/chat").WithTags("Chat");

        group.MapPost("/", ChatAsync)
            .WithName("Chat")
            .WithSummary("Answer a question from the documents, with citations (JSON).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        group.MapPost("/stream", StreamAsync)
            .WithName("ChatStream")
            .WithSummary("Answer a question as server-sent events: retrieval, delta…, citation…, usage, done (or error).")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        return app;
    }

    private static async Task<Ok<ChatResponse>> ChatAsync(ChatRequest request, ChatService chat, CancellationToken cancellationToken)
    {
        var collector = new ChatResponseCollector();
        try
        {
            await foreach (var chatEvent in await chat.BeginAsync(request, cancellationToken)) collector.Add(chatEvent);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw GenerationFailedException.From(e);
        }
        return TypedResults.Ok(collector.Build());
    }

    private static async Task StreamAsync(ChatRequest request, ChatService chat, HttpContext context, ILogger<ChatService> logger)
    {
        var cancellationToken = context.RequestAborted;
        // Validation, retrieval and the model's first token come before any byte: their errors are ProblemDetails.
        var events = await chat.BeginAsync(request, cancellationToken);
        await using var writer = SseWriter.Start(context);
        var json = SseWriter.JsonOptions(context);
        await foreach (var chatEvent in events.EndWithErrorEventAsync(logger, cancellationToken))
            await writer.WriteEventAsync(chatEvent, json, cancellationToken);
    }
}
