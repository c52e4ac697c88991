namespace RagChat.Api.Ingestion.Reading;

/// <summary>Text and an optional title read out of a file.</summary>
public sealed record ReadDocument(string Text, string? Title);

/// <summary>One reader per file format.</summary>
public interface IDocumentReader
{
    /// <summary>File extensions this reader accepts, lower case with the dot (".md").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Reads the file; throws <see cref="Common.UnprocessableContentException"/> when the content is not what its name says.</summary>
    Task<ReadDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken);
}
