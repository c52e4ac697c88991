using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>Chooses the reader for a file by its extension; formats without a reader are 415.</summary>
public sealed class DocumentReaders(IEnumerable<IDocumentReader> readers)
{
    private readonly Dictionary<string, IDocumentReader> _byExtension = readers
        .SelectMany(r => r.Extensions.Select(e => (Extension: e, Reader: r)))
        .ToDictionary(x => x.Extension, x => x.Reader, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> SupportedExtensions => _byExtension.Keys;

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken) =>
        For(fileName).ReadAsync(content, fileName, cancellationToken);

    public IDocumentReader For(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return _byExtension.TryGetValue(extension, out var reader)
            ? reader
            : throw new UnsupportedMediaTypeException(
                $"Files of type '{(extension.Length > 0 ? extension : "(none)")}' are not supported. Supported: {string.Join(", ", _byExtension.Keys.Order())}.");
    }
}
