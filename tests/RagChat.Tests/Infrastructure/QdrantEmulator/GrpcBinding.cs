using Google.Protobuf;
using Grpc.Core;

namespace RagChat.Tests.Infrastructure.QdrantEmulator;

/// <summary>
/// Method descriptors for Qdrant's services built from the message types that Qdrant.Client ships:
/// the package has only client stubs, so the emulator declares the server side by hand.
/// </summary>
public static class GrpcBinding
{
    public static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, service, name, Marshal<TRequest>(), Marshal<TResponse>());

    private static Marshaller<T> Marshal<T>() where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
