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
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/stream", StreamAsync)
            .WithName("ChatStream")
            .WithSummary("Answer a question as server-sent events: retrieval, delta…, citation…, usage, done (or error).")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<Ok<ChatResponse>> ChatAsync(ChatRequest request, ChatService chat, CancellationToken cancellationToken)
    {
        var prepared = await chat.PrepareAsync(request, cancellationToken);
        var collector = new ChatResponseCollector(prepared);
        try
        {
            await foreach (var chatEvent in chat.AnswerAsync(prepared, cancellationToken)) collector.Add(chatEvent);
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
        // Validation and retrieval errors still become ProblemDetails: nothing has been written yet.
        var prepared = await chat.PrepareAsync(request, cancellationToken);
        var writer = SseWriter.Start(context);

        await using var events = chat.AnswerAsync(prepared, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatEvent next;
            try
            {
                if (!await events.MoveNextAsync()) break;
                next = events.Current;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Client disconnected; generation cancelled");
                return;
            }
            catch (Exception e)
            {
                var failure = GenerationFailedException.From(e);
                logger.LogWarning(e, "Chat stream failed after it started: {Code}", failure.Code);
                await writer.WriteAsync(new ErrorEvent(failure.Code, failure.Message, failure.Retryable), cancellationToken);
                return;
            }
            await writer.WriteAsync(next, cancellationToken);
        }
    }
}
