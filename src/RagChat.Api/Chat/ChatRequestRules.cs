using RagChat.Api.Chat.Retrieval;
using RagChat.Api.Common;

namespace RagChat.Api.Chat;

/// <summary>Checks a chat request and splits it into the question and the turns before it.</summary>
public static class ChatRequestRules
{
    private static readonly string[] Roles = ["user", "assistant", "system"];

    public static (string Question, IReadOnlyList<ChatTurn> History) Validate(ChatRequest request)
    {
        var validation = new Validation();
        var messages = request.Messages ?? [];
        if (messages.Any(m => m is null))
            validation.Require(false, "messages", "'messages' must not contain null entries.").ThrowIfInvalid();
        validation.Require(!string.IsNullOrWhiteSpace(request.Question) || messages.Count > 0, "question",
            "Give a 'question', or 'messages' ending with the user's question.");
        validation.Require(messages.All(m => m.Role is not null && Roles.Contains(m.Role)), "messages", "Each message's 'role' must be user, assistant or system.");
        if (string.IsNullOrWhiteSpace(request.Question) && messages.Count > 0)
            validation.Require(messages[^1].Role == "user" && !string.IsNullOrWhiteSpace(messages[^1].Content), "messages",
                "The last message must be the user's question, with non-empty 'content'.");
        RetrievalRequestRules.Validate(validation, request.Retrieval());
        validation.ThrowIfInvalid();

        return string.IsNullOrWhiteSpace(request.Question)
            ? (messages[^1].Content!.Trim(), messages.Take(messages.Count - 1).Where(m => m.Role != "system").ToList())
            : (request.Question.Trim(), messages.Where(m => m.Role != "system").ToList());
    }
}
