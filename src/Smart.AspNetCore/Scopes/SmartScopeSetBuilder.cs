namespace Smart.AspNetCore.Scopes;

/// <summary>
/// Accumulates scope words in request order, keeping the first occurrence of each word and collecting malformed words.
/// </summary>
internal sealed class SmartScopeSetBuilder
{
    // Below this size a linear scan beats hashing; above it a set keeps duplicate detection linear overall.
    private const int LinearScanLimit = 32;

    private SmartScope[] _scopes;
    private int _count;
    private List<string>? _invalid;
    private HashSet<string>? _seen;

    internal SmartScopeSetBuilder(int capacity)
    {
        _scopes = capacity == 0 ? [] : new SmartScope[capacity];
    }

    internal int Count => _count;

    /// <summary>Adds a word unless already present (valid or invalid).</summary>
    /// <param name="word">The word (non-empty).</param>
    /// <param name="original">The word as a string when available.</param>
    internal void Add(ReadOnlySpan<char> word, string? original)
    {
        if (IsDuplicate(word))
        {
            return;
        }

        if (SmartScopeParser.TryParse(word, original, out var scope))
        {
            if (_count == _scopes.Length)
            {
                Array.Resize(ref _scopes, Math.Max(4, _count * 2));
            }

            _scopes[_count++] = scope;
            _seen?.Add(scope.Value);
        }
        else
        {
            var text = original ?? word.ToString();
            (_invalid ??= []).Add(text);
            _seen?.Add(text);
        }
    }

    /// <summary>Adds an already parsed scope unless a scope with the same word is present.</summary>
    internal void Add(SmartScope scope)
    {
        if (IsDuplicate(scope.Value))
        {
            return;
        }

        if (_count == _scopes.Length)
        {
            Array.Resize(ref _scopes, Math.Max(4, _count * 2));
        }

        _scopes[_count++] = scope;
        _seen?.Add(scope.Value);
    }

    internal ReadOnlySpan<SmartScope> Scopes => _scopes.AsSpan(0, _count);

    internal SmartScopeSet Build(string? text)
    {
        if (_count == 0 && _invalid is null)
        {
            return SmartScopeSet.Empty;
        }

        var scopes = _scopes;
        if (_count != scopes.Length)
        {
            Array.Resize(ref scopes, _count);
        }

        return new SmartScopeSet(scopes, _invalid?.ToArray() ?? [], _invalid is null ? text : null);
    }

    private bool IsDuplicate(ReadOnlySpan<char> word)
    {
        if (_seen is not null)
        {
            return _seen.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
        }

        var total = _count + (_invalid?.Count ?? 0);
        if (total >= LinearScanLimit)
        {
            _seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _seen.Add(_scopes[i].Value);
            }

            if (_invalid is not null)
            {
                _seen.UnionWith(_invalid);
            }

            return _seen.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
        }

        for (var i = 0; i < _count; i++)
        {
            if (word.SequenceEqual(_scopes[i].Value))
            {
                return true;
            }
        }

        if (_invalid is not null)
        {
            foreach (var invalid in _invalid)
            {
                if (word.SequenceEqual(invalid))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
