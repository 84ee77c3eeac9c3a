using Microsoft.Extensions.Options;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>Checks <see cref="SmartRedisStoreOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class SmartRedisStoreOptionsValidator : IValidateOptions<SmartRedisStoreOptions>
{
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, SmartRedisStoreOptions options)
    {
        var problems = new List<string>();
        if (options.OperationTimeout <= TimeSpan.Zero || options.OperationTimeout > s_maxTimeout)
        {
            problems.Add($"SmartRedisStoreOptions.OperationTimeout must be more than 0 and at most {s_maxTimeout.TotalSeconds} seconds (default 3 s): a hung Redis must not hold a request longer.");
        }

        if (options.KeyPrefix is null)
        {
            problems.Add("SmartRedisStoreOptions.KeyPrefix must not be null; use an empty string for no prefix (not recommended on a shared Redis).");
        }

        if (options.CodeReplayWindow < TimeSpan.Zero)
        {
            problems.Add("SmartRedisStoreOptions.CodeReplayWindow must not be negative (default 10 minutes).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
