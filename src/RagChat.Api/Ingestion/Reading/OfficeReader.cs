namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// What the Word, PowerPoint and Excel readers share: the ZIP container is checked against zip bombs
/// before the Office SDK opens any part, and whatever the SDK throws on a damaged file becomes a 422
/// that names the file and what it should have been.
/// </summary>
public abstract class OfficeReader : IDocumentReader
{
    /// <summary>"docx", "pptx" or "xlsx": also the one extension the reader accepts.</summary>
    public abstract string Format { get; }

    public IReadOnlyCollection<string> Extensions => ["." + Format];

    public Task<ReadDocument> ReadAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        OfficeZip.EnsureSafeToUnpack(content, fileName);
        return Task.FromResult(ReaderGuard.Read(fileName, OfficeZip.Describe(Format), () => Read(content, fileName, cancellationToken)));
    }

    /// <summary>Reads a container that is safe to unpack.</summary>
    protected abstract ReadDocument Read(byte[] content, string fileName, CancellationToken cancellationToken);
}
