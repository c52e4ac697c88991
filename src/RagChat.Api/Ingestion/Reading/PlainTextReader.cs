namespace RagChat.Api.Ingestion.Reading;

public sealed class PlainTextReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text"];

    public async Task<ReadDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken) =>
        new(await TextDecoder.DecodeAsync(content, fileName, cancellationToken), null);
}
