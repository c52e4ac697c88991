namespace RagChat.Api.Ingestion.Reading;

/// <summary>Plain text in one section; <see cref="TextDecoder"/> finds the encoding (UTF-8, UTF-16, EUC-KR).</summary>
public sealed class PlainTextReader : IDocumentReader
{
    public string Format => "txt";

    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult(new ReadDocument([new DocumentSection(TextDecoder.Decode(content, fileName))], null));
}
