using RagChat.Api.Common;

namespace RagChat.Api.VectorStore;

/// <summary>A collection already holds vectors of another size: two embedding models must never be mixed.</summary>
public sealed class VectorMismatchException(string collection, int stored, int offered)
    : RagChatException(
        $"Collection '{collection}' holds {stored}-dimensional vectors but {offered}-dimensional vectors were offered; use another collection for another embedding model.",
        StatusCodes.Status422UnprocessableEntity, "vector_dimension_mismatch");
