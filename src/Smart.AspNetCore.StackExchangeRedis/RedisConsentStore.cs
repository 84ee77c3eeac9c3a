using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// Consent memory in Redis. A user's entries are one hash named by the SHA-256 of the subject (subjects can be
/// patient ids), one field per grant (<c>{client hash}:{grant id}</c>), so storing, touching and removing a user's
/// entries for a client are each one Lua step on one key (atomic, Redis Cluster safe). A touch (tokens issued from
/// the grant) writes a small companion field <c>{field}|used</c> holding when it was last used and until when it is
/// usable, never the entry itself: a touch cannot overwrite an entry stored concurrently, and costs one round trip
/// with no read. Reads merge the two. The hash lives as long as its longest-lived entry. A set per client (named by
/// the hash of the client id) lists the users' hashes for the administrator's view; it may hold users whose entries
/// are gone, which are skipped when read.
/// </summary>
internal sealed class RedisConsentStore(RedisStoreRunner redis) : IConsentStore
{
    /// <summary>The suffix of an entry's companion field that records its last use.</summary>
    private const string UsedSuffix = "|used";

    /// <summary>Sets field <c>ARGV[1]</c> to <c>ARGV[2]</c> and extends the key's time to live to at least <c>ARGV[3]</c> ms.</summary>
    private const string StoreScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return 1
        """;

    /// <summary>Adds member <c>ARGV[1]</c> and extends the set's time to live to at least <c>ARGV[2]</c> ms.</summary>
    private const string IndexScript = """
        redis.call('SADD', KEYS[1], ARGV[1])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 1
        """;

    /// <summary>
    /// While entry <c>ARGV[1]</c> exists (a removed entry stays removed), records its use in <c>ARGV[1]|used</c> as
    /// <c>{used at}:{usable until}</c> (UTC ticks, 19 digits, so that text order is time order and no precision is
    /// lost to Lua's numbers), keeping the later of the two usable-until times, and extends the key's time to live to
    /// at least <c>ARGV[4]</c> ms.
    /// </summary>
    private const string TouchScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        local usedField = ARGV[1] .. '|used'
        local usableUntil = ARGV[3]
        local previous = redis.call('HGET', KEYS[1], usedField)
        if previous then
          local previousUntil = string.match(previous, ':(%d+)$')
          if previousUntil and #previousUntil == #usableUntil and previousUntil > usableUntil then usableUntil = previousUntil end
        end
        redis.call('HSET', KEYS[1], usedField, ARGV[2] .. ':' .. usableUntil)
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return 1
        """;

    /// <summary>
    /// Removes every field starting with <c>ARGV[1]</c> and returns the entries among them as
    /// <c>[field, value, used or false, ...]</c> (their companion use fields go with them).
    /// </summary>
    private const string RemoveScript = """
        local all = redis.call('HGETALL', KEYS[1])
        local values = {}
        local removed = {}
        for i = 1, #all, 2 do
          if string.sub(all[i], 1, #ARGV[1]) == ARGV[1] then
            redis.call('HDEL', KEYS[1], all[i])
            values[all[i]] = all[i + 1]
          end
        end
        for field, value in pairs(values) do
          if string.sub(field, -5) ~= '|used' then
            removed[#removed + 1] = field
            removed[#removed + 1] = value
            removed[#removed + 1] = values[field .. '|used'] or false
          end
        end
        return removed
        """;

    public async Task StoreAsync(SmartConsent consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var ttl = (long)Math.Ceiling(redis.TimeToLive(consent.ExpiresAt).TotalMilliseconds);
        var subjectHash = Hash(consent.Subject);
        var value = JsonSerializer.SerializeToUtf8Bytes(consent, SmartStoreJson.Consent);

        // The index first: an entry is never stored without being listed for its client.
        await redis.RunAsync(
            "consent.index",
            db => db.ScriptEvaluateAsync(IndexScript, [ClientKey(consent.ClientId)], [subjectHash, ttl]),
            cancellationToken).ConfigureAwait(false);
        await redis.RunAsync(
            "consent.store",
            db => db.ScriptEvaluateAsync(StoreScript, [redis.Key("consent", subjectHash)], [Field(consent.ClientId, consent.GrantId), value, ttl]),
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SmartConsent>> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        redis.RunAsync("consent.find-subject", db => ReadAsync(db, Hash(subject), null), cancellationToken);

    public Task<IReadOnlyList<SmartConsent>> FindByClientAsync(string clientId, CancellationToken cancellationToken) =>
        redis.RunAsync<IReadOnlyList<SmartConsent>>("consent.find-client", async db =>
        {
            var subjects = await db.SetMembersAsync(ClientKey(clientId)).ConfigureAwait(false);
            var reads = subjects.Select(s => ReadAsync(db, s.ToString(), clientId)).ToList();
            var found = new List<SmartConsent>();
            foreach (var read in reads)
            {
                found.AddRange(await read.ConfigureAwait(false));
            }

            return found;
        }, cancellationToken);

    public Task TouchAsync(string subject, string clientId, string grantId, DateTimeOffset usedAt, DateTimeOffset usableUntil, CancellationToken cancellationToken) =>
        redis.RunAsync("consent.touch", async db =>
        {
            var subjectHash = Hash(subject);
            var ttl = (long)Math.Ceiling(redis.TimeToLive(usableUntil).TotalMilliseconds);
            var used = Ticks(usedAt);
            // Both sent before either answer is awaited: one round trip (the index is another key, another slot).
            var index = db.ScriptEvaluateAsync(IndexScript, [ClientKey(clientId)], [subjectHash, ttl]);
            var touch = db.ScriptEvaluateAsync(TouchScript, [redis.Key("consent", subjectHash)], [Field(clientId, grantId), used, Ticks(usableUntil), ttl]);
            await Task.WhenAll(index, touch).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<SmartConsent>> RemoveAsync(string subject, string clientId, CancellationToken cancellationToken) =>
        redis.RunAsync<IReadOnlyList<SmartConsent>>("consent.remove", async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(RemoveScript, [redis.Key("consent", Hash(subject))], [Hash(clientId) + ":"]).ConfigureAwait(false))!;
            var removed = new List<SmartConsent>(result.Length / 3);
            for (var i = 0; i + 2 < result.Length; i += 3)
            {
                removed.Add(Merge((byte[])result[i + 1]!, result[i + 2].IsNull ? RedisValue.Null : (RedisValue)result[i + 2]));
            }

            return removed;
        }, cancellationToken);

    private async Task<IReadOnlyList<SmartConsent>> ReadAsync(IDatabase db, string subjectHash, string? clientId)
    {
        var now = redis.Time.GetUtcNow();
        var prefix = clientId is null ? null : Hash(clientId) + ":";
        var fields = await db.HashGetAllAsync(redis.Key("consent", subjectHash)).ConfigureAwait(false);
        var uses = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = field.Name.ToString();
            if (name.EndsWith(UsedSuffix, StringComparison.Ordinal))
            {
                uses[name[..^UsedSuffix.Length]] = field.Value;
            }
        }

        var found = new List<SmartConsent>();
        foreach (var field in fields)
        {
            var name = field.Name.ToString();
            if (name.EndsWith(UsedSuffix, StringComparison.Ordinal) || (prefix is not null && !name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var consent = Merge((byte[])field.Value!, uses.GetValueOrDefault(name, RedisValue.Null));
            if (consent.ExpiresAt > now)
            {
                found.Add(consent);
            }
        }

        return found;
    }

    /// <summary>The stored entry with its last use (<c>{used at}:{usable until}</c>, UTC ticks) applied: the later of each time wins.</summary>
    private static SmartConsent Merge(byte[] entry, RedisValue use)
    {
        var consent = JsonSerializer.Deserialize(entry, SmartStoreJson.Consent)!;
        if (use.IsNull)
        {
            return consent;
        }

        var text = use.ToString();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var usedTicks)
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var untilTicks))
        {
            var usedAt = new DateTimeOffset(usedTicks, TimeSpan.Zero);
            if (consent.LastUsedAt is not { } last || usedAt > last)
            {
                consent.LastUsedAt = usedAt;
            }

            var until = new DateTimeOffset(untilTicks, TimeSpan.Zero);
            if (until > consent.ExpiresAt)
            {
                consent.ExpiresAt = until;
            }
        }

        return consent;
    }

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private RedisKey ClientKey(string clientId) => redis.Key("consent-client", Hash(clientId));

    private static string Field(string clientId, string grantId) => Hash(clientId) + ":" + grantId;

    private static string Hash(string value) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
