using StackExchange.Redis;
using RedisServer = Smart.AspNetCore.Testing.RedisServer;

namespace Smart.AspNetCore.Tests.Stores;

/// <summary>
/// Counts the commands a store sends, in the server's own slow log (every command logged): an admin connection of its
/// own sets the slow log up and reads it, and the store's connection is told apart by its client name (the store's
/// configuration carries <c>,name=</c><see cref="StoreClientName"/>). Give the test its own redis-server: the slow log
/// is server-wide.
/// </summary>
internal sealed class RedisCommandLog : IAsyncDisposable
{
    /// <summary>The client name the store's connection must use.</summary>
    public const string StoreClientName = "store";

    private static readonly HashSet<string> s_housekeeping = new(StringComparer.OrdinalIgnoreCase) { "PING", "ECHO", "INFO", "CLIENT", "CLUSTER", "CONFIG", "SUBSCRIBE", "SENTINEL", "ROLE", "SLOWLOG" };

    /// <param name="server">The test's own redis-server.</param>
    public RedisCommandLog(RedisServer server)
    {
        Admin = ConnectionMultiplexer.Connect(server.Configuration + ",name=admin,allowAdmin=true");
        Admin.GetDatabase().Execute("CONFIG", "SET", "slowlog-log-slower-than", "0");
        Admin.GetDatabase().Execute("CONFIG", "SET", "slowlog-max-len", "1000");
    }

    /// <summary>The admin connection (for looking at keys).</summary>
    public ConnectionMultiplexer Admin { get; }

    /// <summary>Runs <paramref name="action"/> and returns the data commands the store's connection sent meanwhile.</summary>
    public async Task<(T Result, List<string> Commands)> CountAsync<T>(Func<Task<T>> action)
    {
        var db = Admin.GetDatabase();
        await db.ExecuteAsync("SLOWLOG", "RESET");
        var result = await action();
        var entries = (RedisResult[])(await db.ExecuteAsync("SLOWLOG", "GET", "1000"))!;
        var commands = entries
            .Select(e => (RedisResult[])e!)
            .Where(e => (string?)e[5] == StoreClientName)
            .Select(e => ((string)((RedisResult[])e[3]!)[0]!).ToUpperInvariant())
            .Where(c => !s_housekeeping.Contains(c))
            .ToList();
        return (result, commands);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Admin.DisposeAsync();
}
