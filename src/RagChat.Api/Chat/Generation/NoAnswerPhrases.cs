namespace RagChat.Api.Chat.Generation;

/// <summary>How a model says the sources do not hold the answer, as the prompt asks it to.</summary>
public static class NoAnswerPhrases
{
    private static readonly string[] Phrases =
    [
        "sources do not contain the answer",
        "sources don't contain the answer",
        "sources do not contain",
        "not contain the answer",
        "출처에 답이 없",
        "자료에 답이 없",
        "찾을 수 없습니다",
    ];

    public static bool Declines(string answer) =>
        Phrases.Any(p => answer.Contains(p, StringComparison.OrdinalIgnoreCase));
}
