using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Classifies a FHIR REST request (FHIR R4 <see href="https://hl7.org/fhir/R4/http.html">RESTful API</see>) from its
/// method and its path relative to the FHIR base. Pure and allocation-free; anything it does not recognise is
/// <see cref="FhirInteraction.Unknown"/> and is denied (fail closed).
/// </summary>
internal static class FhirRequestClassifier
{
    /// <summary>Classifies a request whose full path (path base + path) is <paramref name="path"/>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The full request path, for example <c>/fhir/Patient/123</c>.</param>
    /// <param name="basePath">The path of the FHIR base without trailing slash, for example <c>/fhir</c> (may be empty).</param>
    public static FhirRequest Classify(string method, string path, string basePath)
    {
        if (!path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase))
        {
            return FhirRequest.Unknown;
        }

        var start = basePath.Length;
        var end = path.Length;
        if (start < end && path[start] != '/')
        {
            return FhirRequest.Unknown;
        }

        // Trim the leading and one trailing slash: "/fhir/Patient/1/" → "Patient/1".
        if (start < end)
        {
            start++;
        }

        if (end > start && path[end - 1] == '/')
        {
            end--;
        }

        Span<Range> segments = stackalloc Range[5];
        var relative = path.AsSpan(start, end - start);
        var count = relative.IsEmpty ? 0 : relative.Split(segments, '/');
        if (count > 4)
        {
            return FhirRequest.Unknown;
        }

        for (var i = 0; i < count; i++)
        {
            var (offset, length) = segments[i].GetOffsetAndLength(relative.Length);
            if (length == 0)
            {
                return FhirRequest.Unknown;
            }

            segments[i] = new Range(start + offset, start + offset + length);
        }

        var isGet = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var isPost = HttpMethods.IsPost(method);
        return count switch
        {
            0 => isGet ? Make(FhirInteraction.SearchSystem, null) : isPost ? Make(FhirInteraction.BatchOrTransaction, null) : default,
            1 => ClassifyOne(method, path, segments[0], isGet, isPost),
            2 => ClassifyTwo(method, path, segments[0], segments[1], isGet, isPost),
            3 => ClassifyThree(path, segments[0], segments[1], segments[2], isGet, isPost),
            _ => ClassifyFour(path, segments[0], segments[1], segments[2], segments[3], isGet),
        };
    }

    private static FhirRequest ClassifyOne(string method, string path, Range first, bool isGet, bool isPost)
    {
        var segment = path.AsSpan()[first];
        if (segment.SequenceEqual("metadata"))
        {
            return isGet ? Make(FhirInteraction.Capabilities, null) : default;
        }

        if (segment.SequenceEqual("_search"))
        {
            return isPost ? Make(FhirInteraction.SearchSystem, null) : default;
        }

        if (segment.SequenceEqual("_history"))
        {
            return isGet ? Make(FhirInteraction.HistorySystem, null) : default;
        }

        if (segment[0] == '$')
        {
            return (isGet || isPost) && IsOperationName(segment[1..])
                ? new FhirRequest(FhirInteraction.OperationSystem, null, null, path, default, new Range(first.Start.Value + 1, first.End))
                : default;
        }

        var type = FhirResourceTypes.Find(segment);
        if (type is null)
        {
            return default;
        }

        if (isGet)
        {
            return Make(FhirInteraction.SearchType, type);
        }

        if (isPost)
        {
            return Make(FhirInteraction.Create, type);
        }

        return HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) ? Make(FhirInteraction.ConditionalUpdate, type)
            : HttpMethods.IsDelete(method) ? Make(FhirInteraction.ConditionalDelete, type)
            : default;
    }

    private static FhirRequest ClassifyTwo(string method, string path, Range first, Range second, bool isGet, bool isPost)
    {
        var type = FhirResourceTypes.Find(path.AsSpan()[first]);
        if (type is null)
        {
            return default;
        }

        var segment = path.AsSpan()[second];
        if (segment.SequenceEqual("_search"))
        {
            return isPost ? Make(FhirInteraction.SearchType, type) : default;
        }

        if (segment.SequenceEqual("_history"))
        {
            return isGet ? Make(FhirInteraction.HistoryType, type) : default;
        }

        if (segment[0] == '$')
        {
            return (isGet || isPost) && IsOperationName(segment[1..])
                ? new FhirRequest(FhirInteraction.OperationType, type, null, path, default, new Range(second.Start.Value + 1, second.End))
                : default;
        }

        if (!IsId(segment))
        {
            return default;
        }

        var interaction = isGet ? FhirInteraction.Read
            : HttpMethods.IsPut(method) ? FhirInteraction.Update
            : HttpMethods.IsPatch(method) ? FhirInteraction.Patch
            : HttpMethods.IsDelete(method) ? FhirInteraction.Delete
            : FhirInteraction.Unknown;
        return interaction == FhirInteraction.Unknown ? default : new FhirRequest(interaction, type, null, path, second, default);
    }

    private static FhirRequest ClassifyThree(string path, Range first, Range second, Range third, bool isGet, bool isPost)
    {
        var type = FhirResourceTypes.Find(path.AsSpan()[first]);
        if (type is null || !IsId(path.AsSpan()[second]))
        {
            return default;
        }

        var segment = path.AsSpan()[third];
        if (segment.SequenceEqual("_history"))
        {
            return isGet ? new FhirRequest(FhirInteraction.HistoryInstance, type, null, path, second, default) : default;
        }

        if (segment[0] == '$')
        {
            return (isGet || isPost) && IsOperationName(segment[1..])
                ? new FhirRequest(FhirInteraction.OperationInstance, type, null, path, second, new Range(third.Start.Value + 1, third.End))
                : default;
        }

        if (!isGet)
        {
            return default;
        }

        // Compartment search: [base]/Patient/123/Observation or [base]/Patient/123/*.
        var target = segment.SequenceEqual("*") ? "*" : FhirResourceTypes.Find(segment);
        return target is null ? default : new FhirRequest(FhirInteraction.SearchCompartment, target, type, path, second, default);
    }

    private static FhirRequest ClassifyFour(string path, Range first, Range second, Range third, Range fourth, bool isGet)
    {
        var type = FhirResourceTypes.Find(path.AsSpan()[first]);
        if (type is null || !isGet || !IsId(path.AsSpan()[second]) || !path.AsSpan()[third].SequenceEqual("_history") || !IsId(path.AsSpan()[fourth]))
        {
            return default;
        }

        return new FhirRequest(FhirInteraction.VRead, type, null, path, second, default);
    }

    private static FhirRequest Make(FhirInteraction interaction, string? type) => new(interaction, type, null, null, default, default);

    /// <summary>FHIR R4 id: <c>[A-Za-z0-9\-\.]{1,64}</c>.</summary>
    internal static bool IsId(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOperationName(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
