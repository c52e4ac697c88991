using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using RagChat.Api.Chat.Augmentation;

namespace RagChat.Api.Chat.Generation;

/// <summary>Answers with the configured chat model through Semantic Kernel, streamed token by token.</summary>
public sealed class LlmAnswerGenerator(IChatCompletionService chat, PromptBuilder prompts, IOptions<LlmOptions> options, ILogger<LlmAnswerGenerator> logger) : IAnswerGenerator
{
    public string Name => $"llm:{options.Value.Model}";

    public async IAsyncEnumerable<AnswerPiece> GenerateAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = await prompts.BuildAsync(context.Question, context.History, context.Sources, cancellationToken);
        logger.LogDebug("Prompt for {Model}: {Prompt}", options.Value.Model, string.Join("\n---\n", history.Select(m => m.Content)));
        var settings = new OpenAIPromptExecutionSettings
        {
            MaxTokens = options.Value.MaxOutputTokens,
            Temperature = options.Value.Temperature,
        };
        await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel: null, cancellationToken))
        {
            var usage = update.Metadata?.TryGetValue("Usage", out var value) == true ? value as ChatTokenUsage : null;
            if (!string.IsNullOrEmpty(update.Content) || usage is not null)
                yield return new AnswerPiece(update.Content ?? "", usage?.InputTokenCount, usage?.OutputTokenCount);
        }
    }
}
