using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;
using RagChat.Api.Chat.Generation;

namespace RagChat.Api.Chat.Augmentation;

/// <summary>
/// Counts prompt tokens with the chat model's own tokenizer (tiktoken o200k_base for GPT-4o-class
/// models, cl100k_base for GPT-4/3.5), so the prompt is packed to the model's real budget.
/// </summary>
public sealed class ChatTokenCounter
{
    /// <summary>What OpenAI's chat format adds around each message (role and separators).</summary>
    public const int PerMessageOverhead = 4;

    private readonly Tokenizer _tokenizer;

    public ChatTokenCounter(IOptions<LlmOptions> options, ILogger<ChatTokenCounter> logger)
    {
        var setting = options.Value.Tokenizer;
        if (setting == "auto" && options.Value.Model is { Length: > 0 } model)
        {
            try
            {
                _tokenizer = TiktokenTokenizer.CreateForModel(model);
                Encoding = model;
                return;
            }
            catch (NotSupportedException)
            {
                logger.LogInformation("No tokenizer is known for model {Model}; counting with o200k_base (set Llm:Tokenizer to choose)", model);
            }
        }
        Encoding = setting == "auto" ? "o200k_base" : setting;
        _tokenizer = TiktokenTokenizer.CreateForEncoding(Encoding);
    }

    /// <summary>The encoding, or the model it was chosen for.</summary>
    public string Encoding { get; }

    public int Count(string text) => _tokenizer.CountTokens(text);

    public int CountMessage(string text) => Count(text) + PerMessageOverhead;
}
