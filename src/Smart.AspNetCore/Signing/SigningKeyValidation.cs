namespace Smart.AspNetCore.Signing;

/// <summary>
/// Checks the signing configuration at start-up and reports every problem with its option path, the way ASP.NET Core
/// options validation does (for example <c>Smart:Signing:Keys:1:PemFile: file '...' not found. ...</c>).
/// </summary>
internal static class SigningKeyValidation
{
    /// <summary>The configuration section of <see cref="SmartSigningOptions"/>.</summary>
    public const string DefaultSection = "Smart:Signing";

    /// <summary>Loads every configured key and checks the key ring rules.</summary>
    /// <param name="options">The signing options.</param>
    /// <param name="contentRootPath">Relative key file paths resolve against this directory.</param>
    /// <param name="section">Configuration path prefixed to every message.</param>
    /// <returns>Every problem; empty when the configuration is valid.</returns>
    public static IReadOnlyList<string> Validate(SmartSigningOptions options, string contentRootPath, string section = DefaultSection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contentRootPath);

        var messages = new List<string>();
        var descriptors = new SigningKeyDescriptor[options.Keys.Count];
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var keyOptions = options.Keys[i];
            if (keyOptions is null)
            {
                messages.Add($"{section}:Keys:{i}: the key entry is empty. Remove it or set one key source.");
                continue;
            }

            try
            {
                var key = SigningKeyLoader.Load(keyOptions, contentRootPath);
                descriptors[i] = new SigningKeyDescriptor(key.KeyId, key.Algorithm, key.Retired);
            }
            catch (SigningKeyException ex)
            {
                messages.AddRange(ex.Problems.Select(p => Format(section, i, p)));

                // A key that failed to load still counts for "an active key exists" so only its own problem is reported.
                var algorithm = SmartSigningAlgorithms.IsSupported(keyOptions.Algorithm) ? keyOptions.Algorithm : null;
                var keyId = string.IsNullOrWhiteSpace(keyOptions.KeyId) ? null : keyOptions.KeyId;
                descriptors[i] = new SigningKeyDescriptor(keyId, algorithm, keyOptions.Retired);
            }
        }

        messages.AddRange(SigningKeyRing.Check(descriptors, options.AccessTokenAlgorithm).Select(p => Format(section, p.KeyIndex, p)));
        return messages;
    }

    private static string Format(string section, int? index, SigningKeyProblem problem)
    {
        var path = index is null ? section : $"{section}:Keys:{index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return problem.OptionName is null ? $"{path}: {problem.Message}" : $"{path}:{problem.OptionName}: {problem.Message}";
    }
}
