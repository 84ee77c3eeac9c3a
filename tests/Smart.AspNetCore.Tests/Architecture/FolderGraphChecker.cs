namespace Smart.AspNetCore.Tests.Architecture;

/// <summary>
/// Checks folder dependencies against a floor plan: every folder has a floor, no folder depends on a floor above its
/// own, none depends sideways where the plan forbids it, and no folders depend on each other in a cycle. Each problem
/// names the files that make the offending edges. Pure: the graph comes from <see cref="SourceDependencyReader"/>.
/// </summary>
internal static class FolderGraphChecker
{
    public static IReadOnlyList<string> Check(IEnumerable<FolderDependency> dependencies, IReadOnlyDictionary<string, int> floors, IReadOnlySet<int> noSidewaysEdges)
    {
        var problems = new List<string>();
        var edges = dependencies
            .Where(d => !string.Equals(d.From, d.To, StringComparison.Ordinal))
            .GroupBy(d => (d.From, d.To))
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Type, StringComparer.Ordinal).ToList());

        var folders = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var folder in folders.Where(f => !floors.ContainsKey(f)))
        {
            problems.Add($"Folder '{folder}' has no floor: add it to the floor plan (tests/.../Architecture/FloorPlan.cs) and to docs/architecture.md.");
        }

        foreach (var ((from, to), reasons) in edges.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal))
        {
            if (!floors.TryGetValue(from, out var fromFloor) || !floors.TryGetValue(to, out var toFloor))
            {
                continue;
            }

            if (toFloor > fromFloor)
            {
                problems.Add($"'{from}' (floor {fromFloor}) depends on '{to}' (floor {toFloor}), a floor above it: {Describe(reasons)}");
            }
            else if (toFloor == fromFloor && noSidewaysEdges.Contains(fromFloor))
            {
                problems.Add($"'{from}' depends sideways on '{to}' (both floor {fromFloor}); move the shared part down a floor: {Describe(reasons)}");
            }
        }

        foreach (var cycle in Cycles(edges.Keys))
        {
            var cycleEdges = edges.Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
                .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
                .Select(e => $"{e.Key.From} -> {e.Key.To} ({Describe(e.Value)})");
            problems.Add($"Folders {string.Join(", ", cycle.Order(StringComparer.Ordinal))} depend on each other in a cycle: {string.Join("; ", cycleEdges)}");
        }

        return problems;
    }

    private static string Describe(List<FolderDependency> reasons) =>
        string.Join(", ", reasons.Take(4).Select(r => $"{r.File} names {r.Type}")) + (reasons.Count > 4 ? $" and {reasons.Count - 4} more" : string.Empty);

    /// <summary>Strongly connected components of more than one folder (Tarjan).</summary>
    private static List<HashSet<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<HashSet<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (!string.Equals(w, v, StringComparison.Ordinal));

                if (component.Count > 1)
                {
                    result.Add(component);
                }
            }
        }

        foreach (var v in next.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }
}
