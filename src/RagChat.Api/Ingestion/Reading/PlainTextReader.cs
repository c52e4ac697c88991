namespace RagChat.Api.Ingestion.Reading;

public sealed class PlainTextReader : IDocumentReader
{
    public string Format => "txt";

    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text"];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult(new ReadDocument([new DocumentSection(TextDecoder.Decode(content, fileName))], null));
}
