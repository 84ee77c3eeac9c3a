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
/// entries for a client are each one Lua step on one key (atomic, Redis Cluster safe). The hash lives as long as its
/// longest-lived entry. A set per client (named by the hash of the client id) lists the users' hashes for the
/// administrator's view; it may hold users whose entries are gone, which are skipped when read.
/// </summary>
internal sealed class RedisConsentStore(RedisStoreRunner redis) : IConsentStore
{
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
    /// Replaces field <c>ARGV[1]</c> with <c>ARGV[2]</c> only while it exists (a removed entry stays removed), and
    /// extends the key's time to live to at least <c>ARGV[3]</c> ms.
    /// </summary>
    private const string TouchScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return 1
        """;

    /// <summary>Removes and returns the values of every field starting with <c>ARGV[1]</c>.</summary>
    private const string RemoveScript = """
        local all = redis.call('HGETALL', KEYS[1])
        local removed = {}
        for i = 1, #all, 2 do
          if string.sub(all[i], 1, #ARGV[1]) == ARGV[1] then
            redis.call('HDEL', KEYS[1], all[i])
            removed[#removed + 1] = all[i + 1]
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
            var key = redis.Key("consent", Hash(subject));
            var field = Field(clientId, grantId);
            var current = await db.HashGetAsync(key, field).ConfigureAwait(false);
            if (current.IsNull)
            {
                return;
            }

            var consent = JsonSerializer.Deserialize((byte[])current!, SmartStoreJson.Consent)!;
            consent.LastUsedAt = usedAt;
            if (usableUntil > consent.ExpiresAt)
            {
                consent.ExpiresAt = usableUntil;
            }

            var ttl = (long)Math.Ceiling(redis.TimeToLive(consent.ExpiresAt).TotalMilliseconds);
            await db.ScriptEvaluateAsync(IndexScript, [ClientKey(clientId)], [Hash(subject), ttl]).ConfigureAwait(false);
            await db.ScriptEvaluateAsync(TouchScript, [key], [field, JsonSerializer.SerializeToUtf8Bytes(consent, SmartStoreJson.Consent), ttl]).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<SmartConsent>> RemoveAsync(string subject, string clientId, CancellationToken cancellationToken) =>
        redis.RunAsync<IReadOnlyList<SmartConsent>>("consent.remove", async db =>
        {
            var result = await db.ScriptEvaluateAsync(RemoveScript, [redis.Key("consent", Hash(subject))], [Hash(clientId) + ":"]).ConfigureAwait(false);
            return [.. ((RedisResult[])result!).Select(r => JsonSerializer.Deserialize((byte[])r!, SmartStoreJson.Consent)!)];
        }, cancellationToken);

    private async Task<IReadOnlyList<SmartConsent>> ReadAsync(IDatabase db, string subjectHash, string? clientId)
    {
        var now = redis.Time.GetUtcNow();
        var prefix = clientId is null ? null : Hash(clientId) + ":";
        var fields = await db.HashGetAllAsync(redis.Key("consent", subjectHash)).ConfigureAwait(false);
        return [.. fields
            .Where(f => prefix is null || f.Name.ToString().StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => JsonSerializer.Deserialize((byte[])f.Value!, SmartStoreJson.Consent)!)
            .Where(c => c.ExpiresAt > now)];
    }

    private RedisKey ClientKey(string clientId) => redis.Key("consent-client", Hash(clientId));

    private static string Field(string clientId, string grantId) => Hash(clientId) + ":" + grantId;

    private static string Hash(string value) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
