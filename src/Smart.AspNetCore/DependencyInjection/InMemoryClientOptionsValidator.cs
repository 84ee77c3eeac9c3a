using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Configuration;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>Validates every in-memory client at start-up and reports all problems at once.</summary>
internal sealed class InMemoryClientOptionsValidator : IValidateOptions<InMemoryClientOptions>
{
    public ValidateOptionsResult Validate(string? name, InMemoryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var label = string.IsNullOrEmpty(client.ClientId) ? $"#{i}" : $"'{client.ClientId}'";
            if (!string.IsNullOrEmpty(client.ClientId) && !seen.Add(client.ClientId))
            {
                errors.Add($"Client {label} is registered twice.");
            }

            foreach (var problem in SmartClientValidator.Validate(client))
            {
                errors.Add($"Client {label}: {problem}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
