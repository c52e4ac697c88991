using Google.Protobuf;
using Onnx;

namespace RagChat.Api.Attention;

/// <summary>
/// all-MiniLM-L6-v2's ONNX graph computes each layer's attention probabilities (a Softmax over
/// Q·Kᵀ/√d_k plus the padding mask) but only exposes last_hidden_state. The derived graph is the same
/// graph with those Softmax outputs added as graph outputs: no node changes, so it computes exactly
/// what the original does and also returns the attention maps.
/// </summary>
public static class AttentionGraph
{
    public sealed record Derived(byte[] Model, IReadOnlyList<string> AttentionOutputs);

    public static Derived Derive(byte[] originalModel)
    {
        var model = ModelProto.Parser.ParseFrom(originalModel);
        // Nodes are stored in topological order, so the Softmax nodes come layer by layer.
        var softmaxOutputs = model.Graph.Node.Where(n => n.OpType == "Softmax").Select(n => n.Output[0]).ToList();
        if (softmaxOutputs.Count == 0)
            throw new InvalidOperationException("The embedding model has no Softmax nodes; it is not a BERT-style encoder.");

        foreach (var name in softmaxOutputs)
        {
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }
        return new Derived(model.ToByteArray(), softmaxOutputs);
    }
}
