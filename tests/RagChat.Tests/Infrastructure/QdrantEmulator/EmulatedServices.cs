using System.Numerics.Tensors;
using Grpc.Core;
using Qdrant.Client.Grpc;
using static RagChat.Tests.Infrastructure.QdrantEmulator.GrpcBinding;

namespace RagChat.Tests.Infrastructure.QdrantEmulator;

// The server side of qdrant.Collections, qdrant.Points and qdrant.Qdrant, for the calls RagChat makes.
// Method names must equal the gRPC method names: Grpc.AspNetCore finds the handlers by name.

// Grpc.AspNetCore binds a handler only where it overrides a virtual method of the class that carries BindServiceMethod.
[BindServiceMethod(typeof(CollectionsBinding), nameof(BindService))]
public abstract class CollectionsBinding
{
    protected const string Service = "qdrant.Collections";

    public static void BindService(ServiceBinderBase binder, CollectionsBinding? service)
    {
        binder.AddMethod(Unary<CollectionExistsRequest, CollectionExistsResponse>(Service, "CollectionExists"), (UnaryServerMethod<CollectionExistsRequest, CollectionExistsResponse>?)null);
        binder.AddMethod(Unary<CreateCollection, CollectionOperationResponse>(Service, "Create"), (UnaryServerMethod<CreateCollection, CollectionOperationResponse>?)null);
        binder.AddMethod(Unary<GetCollectionInfoRequest, GetCollectionInfoResponse>(Service, "Get"), (UnaryServerMethod<GetCollectionInfoRequest, GetCollectionInfoResponse>?)null);
    }

    public virtual Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "CollectionExists"));

    public virtual Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Create"));

    public virtual Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Get"));
}

public sealed class EmulatedCollections(EmulatorState state) : CollectionsBinding
{
    public override async Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock) return new CollectionExistsResponse { Result = new CollectionExists { Exists = state.Collections.ContainsKey(request.CollectionName) } };
    }

    public override async Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            if (state.Collections.ContainsKey(request.CollectionName))
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"Collection `{request.CollectionName}` already exists!"));
            state.Collections[request.CollectionName] = new EmulatorState.Collection(request.VectorsConfig.Params);
            return new CollectionOperationResponse { Result = true };
        }
    }

    public override async Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            return new GetCollectionInfoResponse
            {
                Result = new CollectionInfo
                {
                    Status = CollectionStatus.Green,
                    PointsCount = (ulong)collection.Points.Count,
                    Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = new VectorsConfig { Params = collection.Vectors } } },
                },
            };
        }
    }
}

// Grpc.AspNetCore binds a handler only where it overrides a virtual method of the class that carries BindServiceMethod.
[BindServiceMethod(typeof(HealthBinding), nameof(BindService))]
public abstract class HealthBinding
{
    public static void BindService(ServiceBinderBase binder, HealthBinding? service) =>
        binder.AddMethod(Unary<HealthCheckRequest, HealthCheckReply>("qdrant.Qdrant", "HealthCheck"), (UnaryServerMethod<HealthCheckRequest, HealthCheckReply>?)null);

    public virtual Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "HealthCheck"));
}

public sealed class EmulatedHealth(EmulatorState state) : HealthBinding
{
    public override async Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        return new HealthCheckReply { Title = "qdrant emulator (RagChat tests)", Version = "1.20.0" };
    }
}

// Grpc.AspNetCore binds a handler only where it overrides a virtual method of the class that carries BindServiceMethod.
[BindServiceMethod(typeof(PointsBinding), nameof(BindService))]
public abstract class PointsBinding
{
    protected const string Service = "qdrant.Points";

    public static void BindService(ServiceBinderBase binder, PointsBinding? service)
    {
        binder.AddMethod(Unary<UpsertPoints, PointsOperationResponse>(Service, "Upsert"), (UnaryServerMethod<UpsertPoints, PointsOperationResponse>?)null);
        binder.AddMethod(Unary<DeletePoints, PointsOperationResponse>(Service, "Delete"), (UnaryServerMethod<DeletePoints, PointsOperationResponse>?)null);
        binder.AddMethod(Unary<SetPayloadPoints, PointsOperationResponse>(Service, "SetPayload"), (UnaryServerMethod<SetPayloadPoints, PointsOperationResponse>?)null);
        binder.AddMethod(Unary<CreateFieldIndexCollection, PointsOperationResponse>(Service, "CreateFieldIndex"), (UnaryServerMethod<CreateFieldIndexCollection, PointsOperationResponse>?)null);
        binder.AddMethod(Unary<QueryPoints, QueryResponse>(Service, "Query"), (UnaryServerMethod<QueryPoints, QueryResponse>?)null);
        binder.AddMethod(Unary<ScrollPoints, ScrollResponse>(Service, "Scroll"), (UnaryServerMethod<ScrollPoints, ScrollResponse>?)null);
        binder.AddMethod(Unary<CountPoints, CountResponse>(Service, "Count"), (UnaryServerMethod<CountPoints, CountResponse>?)null);
    }

    public virtual Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Upsert"));

    public virtual Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Delete"));

    public virtual Task<PointsOperationResponse> SetPayload(SetPayloadPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "SetPayload"));

    public virtual Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "CreateFieldIndex"));

    public virtual Task<QueryResponse> Query(QueryPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Query"));

    public virtual Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Scroll"));

    public virtual Task<CountResponse> Count(CountPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Count"));
}

public sealed class EmulatedPoints(EmulatorState state) : PointsBinding
{
    private static PointsOperationResponse Done() => new() { Result = new UpdateResult { OperationId = 1, Status = UpdateStatus.Completed } };

    public override async Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            foreach (var point in request.Points)
            {
                var vector = DenseOf(point.Vectors.Vector);
                if ((ulong)vector.Length != collection.Vectors.Size)
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {collection.Vectors.Size}, got {vector.Length}"));
                collection.Points[EmulatorState.Key(point.Id)] = point.Clone();
            }
            return Done();
        }
    }

    public override async Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            foreach (var key in Selected(collection, request.Points).ToList()) collection.Points.Remove(key);
            return Done();
        }
    }

    public override async Task<PointsOperationResponse> SetPayload(SetPayloadPoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            foreach (var key in Selected(collection, request.PointsSelector).ToList())
                foreach (var (name, value) in request.Payload) collection.Points[key].Payload[name] = value;
            return Done();
        }
    }

    public override async Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock) state.Get(request.CollectionName).Indexes.Add(request.FieldName);
        return Done();
    }

    public override async Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        if (request.Query?.Nearest?.Dense is not { } dense)
            throw new RpcException(new Status(StatusCode.Unimplemented, "The emulator answers nearest-vector queries only."));
        var query = dense.Data.ToArray();
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            var scored = collection.Points.Values
                .Where(p => PayloadFilter.Matches(request.Filter, p.Payload))
                .Select(p => new ScoredPoint { Id = p.Id, Score = TensorPrimitives.CosineSimilarity(query, DenseOf(p.Vectors.Vector)), Payload = { p.Payload }, Version = 1 })
                .Where(p => !request.HasScoreThreshold || p.Score >= request.ScoreThreshold)
                .OrderByDescending(p => p.Score)
                .Take(request.HasLimit ? (int)request.Limit : 10);
            var response = new QueryResponse();
            response.Result.AddRange(scored);
            return response;
        }
    }

    public override async Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var matching = collection.Points
                .Where(p => request.Offset is null || string.CompareOrdinal(p.Key, EmulatorState.Key(request.Offset)) >= 0)
                .Where(p => PayloadFilter.Matches(request.Filter, p.Value.Payload))
                .Take(limit + 1).ToList();
            var response = new ScrollResponse();
            foreach (var (_, point) in matching.Take(limit))
            {
                var retrieved = new RetrievedPoint { Id = point.Id, Payload = { point.Payload } };
                if (request.WithVectors?.Enable == true)
                    retrieved.Vectors = new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { DenseOf(point.Vectors.Vector) } } } };
                response.Result.Add(retrieved);
            }
            if (matching.Count > limit) response.NextPageOffset = matching[limit].Value.Id;
            return response;
        }
    }

    public override async Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            return new CountResponse { Result = new CountResult { Count = (ulong)collection.Points.Values.Count(p => PayloadFilter.Matches(request.Filter, p.Payload)) } };
        }
    }

    private static IEnumerable<string> Selected(EmulatorState.Collection collection, PointsSelector selector) => selector.PointsSelectorOneOfCase switch
    {
        PointsSelector.PointsSelectorOneOfOneofCase.Filter => collection.Points.Where(p => PayloadFilter.Matches(selector.Filter, p.Value.Payload)).Select(p => p.Key),
        PointsSelector.PointsSelectorOneOfOneofCase.Points => selector.Points.Ids.Select(EmulatorState.Key),
        _ => [],
    };

#pragma warning disable CS0612, CS0618 // clients may still send the deprecated "data" field
    private static float[] DenseOf(Vector vector) => vector.Dense is { } dense ? dense.Data.ToArray() : vector.Data.ToArray();
#pragma warning restore CS0612, CS0618
}
