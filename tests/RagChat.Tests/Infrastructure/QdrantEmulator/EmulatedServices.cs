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
            state.Collections[request.CollectionName] = new EmulatorState.Collection(request.VectorsConfig, request.SparseVectorsConfig);
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
                    Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = collection.Vectors, SparseVectorsConfig = collection.SparseVectors } },
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
        binder.AddMethod(Unary<QueryBatchPoints, QueryBatchResponse>(Service, "QueryBatch"), (UnaryServerMethod<QueryBatchPoints, QueryBatchResponse>?)null);
        binder.AddMethod(Unary<ScrollPoints, ScrollResponse>(Service, "Scroll"), (UnaryServerMethod<ScrollPoints, ScrollResponse>?)null);
        binder.AddMethod(Unary<CountPoints, CountResponse>(Service, "Count"), (UnaryServerMethod<CountPoints, CountResponse>?)null);
    }

    public virtual Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Upsert"));

    public virtual Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Delete"));

    public virtual Task<PointsOperationResponse> SetPayload(SetPayloadPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "SetPayload"));

    public virtual Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "CreateFieldIndex"));

    public virtual Task<QueryResponse> Query(QueryPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "Query"));

    public virtual Task<QueryBatchResponse> QueryBatch(QueryBatchPoints request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, "QueryBatch"));

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
            // Validate the whole batch first: Qdrant applies none of a refused upsert.
            foreach (var point in request.Points) Validate(collection, point.Vectors);
            foreach (var point in request.Points) collection.Points[EmulatorState.Key(point.Id)] = point.Clone();
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
        lock (state.Lock)
        {
            var response = new QueryResponse();
            response.Result.AddRange(EmulatedSearch.Run(state.Get(request.CollectionName), request));
            return response;
        }
    }

    public override async Task<QueryBatchResponse> QueryBatch(QueryBatchPoints request, ServerCallContext context)
    {
        await state.EnterAsync(context);
        lock (state.Lock)
        {
            var collection = state.Get(request.CollectionName);
            var response = new QueryBatchResponse();
            foreach (var query in request.QueryPoints)
            {
                var result = new BatchResult();
                result.Result.AddRange(EmulatedSearch.Run(collection, query));
                response.Result.Add(result);
            }
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
                // Scroll answers the whole payload unless told otherwise.
                var retrieved = new RetrievedPoint { Id = point.Id, Payload = { EmulatedSearch.Payload(point.Payload, request.WithPayload ?? true) } };
                if (EmulatedSearch.Vectors(collection, point, request.WithVectors) is { } vectors) retrieved.Vectors = vectors;
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

    /// <summary>Qdrant's checks on a point's vectors: every name configured, dense sizes right, sparse indices and values paired and unique.</summary>
    private static void Validate(EmulatorState.Collection collection, Vectors vectors)
    {
        var named = vectors.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.Vectors_
            ? vectors.Vectors_.Vectors.Select(v => (v.Key, v.Value))
            : [("", vectors.Vector)];
        foreach (var (name, vector) in named)
        {
            if (EmulatedSearch.SparseOf(vector) is { } sparse)
            {
                if (!collection.SparseVectors.Map.ContainsKey(name))
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
                if (sparse.Indices.Length != sparse.Values.Length || sparse.Indices.Distinct().Count() != sparse.Indices.Length)
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "Validation error: sparse vector indices must be unique and match values"));
                continue;
            }
            var size = EmulatedSearch.DenseSize(collection, name)
                ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
            var length = EmulatedSearch.DenseOf(vector).Length;
            if ((ulong)length != size)
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {length}"));
        }
    }
}
