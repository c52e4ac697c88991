using RagChat.Api.Common;

namespace RagChat.Api.Ingestion.Reading;

/// <summary>
/// Third-party parsers answer hostile files with whatever exception their code happens to hit
/// (IndexOutOfRange, InvalidCast, XmlException…). For an upload that is a damaged file, not a server fault,
/// so those become a 422 naming the file; our own errors and cancellation pass through unchanged.
/// </summary>
internal static class ReaderGuard
{
    public static T Read<T>(string fileName, string formatName, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (RagChatException or OperationCanceledException or OutOfMemoryException))
        {
            throw Damaged(fileName, formatName, e);
        }
    }

    public static UnprocessableContentException Damaged(string fileName, string formatName, Exception cause) =>
        new($"'{fileName}' could not be read as {formatName}: the file looks damaged or incomplete ({Shorten(cause.Message)}).", cause);

    private static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
