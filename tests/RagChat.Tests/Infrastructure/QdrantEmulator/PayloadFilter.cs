using Grpc.Core;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace RagChat.Tests.Infrastructure.QdrantEmulator;

/// <summary>Qdrant's filter semantics for the conditions RagChat sends: must / should / must_not over keyword and integer matches.</summary>
public static class PayloadFilter
{
    public static bool Matches(Filter? filter, MapField<string, Value> payload)
    {
        if (filter is null) return true;
        if (!filter.Must.All(c => Matches(c, payload))) return false;
        if (filter.MustNot.Any(c => Matches(c, payload))) return false;
        return filter.Should.Count == 0 || filter.Should.Any(c => Matches(c, payload));
    }

    private static bool InRange(Qdrant.Client.Grpc.Range range, Value value)
    {
        double number = value.KindCase switch
        {
            Value.KindOneofCase.IntegerValue => value.IntegerValue,
            Value.KindOneofCase.DoubleValue => value.DoubleValue,
            _ => double.NaN,
        };
        return !double.IsNaN(number)
            && (!range.HasLt || number < range.Lt) && (!range.HasLte || number <= range.Lte)
            && (!range.HasGt || number > range.Gt) && (!range.HasGte || number >= range.Gte);
    }

    private static bool Matches(Condition condition, MapField<string, Value> payload) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, payload),
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, payload),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The emulator does not know {condition.ConditionOneOfCase} conditions.")),
    };

    private static bool Matches(FieldCondition field, MapField<string, Value> payload)
    {
        if (!payload.TryGetValue(field.Key, out var value)) return false;
        if (field.Range is { } range) return InRange(range, value);
        if (field.Match is null) throw new RpcException(new Status(StatusCode.Unimplemented, "The emulator only knows match and range conditions."));
        // A list value matches when any of its elements does, as in Qdrant.
        var values = value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values.ToList() : [value];
        var match = field.Match;
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == match.Keyword),
            Match.MatchValueOneofCase.Integer => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer),
            Match.MatchValueOneofCase.Keywords => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.Integers => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(v.IntegerValue)),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The emulator does not know {match.MatchValueCase} matches.")),
        };
    }
}
