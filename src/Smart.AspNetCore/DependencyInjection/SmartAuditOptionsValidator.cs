using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>Validates <see cref="SmartAuditOptions"/> at start-up, reporting every problem at once.</summary>
internal sealed class SmartAuditOptionsValidator : IValidateOptions<SmartAuditOptions>
{
    public ValidateOptionsResult Validate(string? name, SmartAuditOptions options)
    {
        var failures = new List<string>();
        if (options.QueueCapacity < 1)
        {
            failures.Add($"{nameof(SmartAuditOptions)}.{nameof(SmartAuditOptions.QueueCapacity)} must be at least 1 (default 10000).");
        }

        if (options.SinkTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(SmartAuditOptions)}.{nameof(SmartAuditOptions.SinkTimeout)} must be positive (default 5 seconds).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
