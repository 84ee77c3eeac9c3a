namespace Smart.Sample.Ehr.Accounts;

/// <summary>
/// The demo login's lockout (SAMPLE-CONTRACT "Abuse"): after <see cref="MaxFailures"/> wrong passwords for one account
/// within <see cref="Lockout"/>, the account is locked for <see cref="Lockout"/>, right password or not; a successful
/// sign-in clears the failures. Only existing accounts are tracked, so unknown user names cannot grow the state. Off
/// when <c>RateLimiting:Enabled=false</c>. In a farm the state is in Redis (<see cref="RedisLoginLockout"/>), so a
/// guesser spreading attempts over the instances gets no more of them than against one.
/// </summary>
public interface ILoginLockout
{
    /// <summary>Wrong passwords that lock the account.</summary>
    const int MaxFailures = 5;

    /// <summary>How long the failures are counted, and how long the account stays locked.</summary>
    static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);

    /// <summary>How long <paramref name="username"/> stays locked, or <see langword="null"/> when it is not.</summary>
    Task<TimeSpan?> LockedForAsync(string username, CancellationToken cancellationToken);

    /// <summary>Counts a wrong password for an existing account.</summary>
    Task FailedAsync(string username, CancellationToken cancellationToken);

    /// <summary>A successful sign-in clears the account's failures.</summary>
    Task SucceededAsync(string username, CancellationToken cancellationToken);
}
