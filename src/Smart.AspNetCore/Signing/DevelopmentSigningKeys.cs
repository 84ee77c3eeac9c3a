using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Smart.AspNetCore.Logging;

namespace Smart.AspNetCore.Signing;

/// <summary>
/// Development-only signing keys: one RS256 and one ES256 private JWK kept in a file (mode 0600 on Unix) so that tokens
/// stay valid across restarts. Never use in production.
/// </summary>
internal static class DevelopmentSigningKeys
{
    /// <summary>Reads the keys from <paramref name="path"/>, creating the file with new keys when it does not exist.</summary>
    /// <param name="path">File of private JWKs: a JSON array or <c>{"keys":[...]}</c>, each with <c>kid</c> and <c>alg</c>.</param>
    /// <returns>One <see cref="SmartSigningKeyOptions"/> per key, with <see cref="SmartSigningKeyOptions.Jwk"/> set.</returns>
    /// <exception cref="SigningKeyException">The file exists but does not hold valid keys.</exception>
    public static IReadOnlyList<SmartSigningKeyOptions> LoadOrCreate(string path) => LoadOrCreate(path, NullLogger.Instance);

    /// <inheritdoc cref="LoadOrCreate(string)"/>
    /// <param name="path">File of private JWKs.</param>
    /// <param name="logger">Receives event 1200 when keys are generated.</param>
    public static IReadOnlyList<SmartSigningKeyOptions> LoadOrCreate(string path, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        path = Path.GetFullPath(path);

        if (File.Exists(path))
        {
            return Read(path);
        }

        var json = Generate();
        if (!TryWriteNew(path, json))
        {
            // Another process created the file first: use its keys so both agree.
            return Read(path);
        }

        Log.DevelopmentKeyGenerated(logger, path);
        return Parse(json, path);
    }

    private static string Generate()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            WritePrivateJwk(writer, rsa, SmartSigningAlgorithms.RS256);
            WritePrivateJwk(writer, ec, SmartSigningAlgorithms.ES256);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, checked((int)stream.Length));
    }

    private static void WritePrivateJwk(Utf8JsonWriter writer, AsymmetricAlgorithm key, string algorithm)
    {
        var keyId = JwkKeyConverter.Thumbprint(JwkKeyConverter.ToPublicJwk(key, algorithm, keyId: null));
        JwkKeyConverter.Write(writer, JwkKeyConverter.ToPrivateJwk(key, algorithm, keyId));
    }

    private static bool TryWriteNew(string path, string json)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Created 0600 from the start: the private keys are never readable by others, not even briefly.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, fileOptions))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(json);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static List<SmartSigningKeyOptions> Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, $"it could not be read ({ex.GetType().Name})", ex);
        }

        return Parse(json, path);
    }

    private static List<SmartSigningKeyOptions> Parse(string json, string path)
    {
        var result = new List<SmartSigningKeyOptions>();
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var keys = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("keys", out var k) && k.ValueKind == JsonValueKind.Array => k,
                _ => throw Invalid(path, "it is neither a JSON array of JWKs nor an object with a \"keys\" array"),
            };

            foreach (var element in keys.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object
                    || !element.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(kid.GetString())
                    || !element.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
                {
                    throw Invalid(path, $"key {result.Count} is not a JWK object with \"kid\" and \"alg\"");
                }

                result.Add(new SmartSigningKeyOptions { KeyId = kid.GetString(), Algorithm = alg.GetString()!, Jwk = element.GetRawText() });
            }
        }
        catch (JsonException)
        {
            // The JSON exception is not kept: its message could quote the file, which holds private keys.
            throw Invalid(path, "it is not valid JSON");
        }

        if (result.Count == 0)
        {
            throw Invalid(path, "it contains no keys");
        }

        for (var i = 0; i < result.Count; i++)
        {
            try
            {
                _ = SigningKeyLoader.Load(result[i], contentRootPath: Path.GetDirectoryName(path)!);
            }
            catch (SigningKeyException ex)
            {
                throw Invalid(path, $"key {i} is not usable: {ex.Message}", ex);
            }
        }

        return result;
    }

    private static SigningKeyException Invalid(string path, string problem, Exception? inner = null) =>
        SigningKeyException.For(null, $"the development signing key file '{path}' is invalid: {problem}. Delete the file to generate new development keys (tokens signed with the old keys stop validating).", inner);
}
