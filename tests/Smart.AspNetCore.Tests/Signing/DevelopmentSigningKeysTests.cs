using System.Text.Json;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

public sealed class DevelopmentSigningKeysTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void LoadOrCreate_NoFile_CreatesRs256AndEs256Keys()
    {
        var path = Path.Combine(_temp.Path, "nested", "dir", "signing-keys.json");

        var options = DevelopmentSigningKeys.LoadOrCreate(path);

        File.Exists(path).Should().BeTrue();
        options.Select(o => o.Algorithm).Should().Equal("RS256", "ES256");
        options.Should().AllSatisfy(o => o.Jwk.Should().Contain("\"d\""));
        var ring = new SigningKeyRing(options.Select(o => SigningKeyLoader.Load(o, _temp.Path)), "ES256");
        ring.Keys.Select(k => k.KeyId).Should().Equal(options.Select(o => o.KeyId));
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("the temporary file is moved, not left behind");
    }

    [Fact]
    public void LoadOrCreate_NoFile_KidIsThumbprint()
    {
        var options = DevelopmentSigningKeys.LoadOrCreate(Path.Combine(_temp.Path, "keys.json"));

        foreach (var option in options)
        {
            var loaded = SigningKeyLoader.Load(new SmartSigningKeyOptions { Jwk = option.Jwk, Algorithm = option.Algorithm, KeyId = null }, _temp.Path);
            var thumbprint = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(loaded.PublicJwk.ComputeJwkThumbprint());
            option.KeyId.Should().Be(thumbprint);
        }
    }

    [Fact]
    public void LoadOrCreate_OnUnix_FileMode0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_temp.Path, "keys.json");

        DevelopmentSigningKeys.LoadOrCreate(path);

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void LoadOrCreate_SecondCall_ReturnsSameKeys()
    {
        var path = Path.Combine(_temp.Path, "keys.json");

        var first = DevelopmentSigningKeys.LoadOrCreate(path);
        var second = DevelopmentSigningKeys.LoadOrCreate(path);

        second.Select(o => o.KeyId).Should().Equal(first.Select(o => o.KeyId));
        second.Select(o => o.Jwk).Should().Equal(first.Select(o => o.Jwk));
    }

    [Fact]
    public async Task LoadOrCreate_AfterRestart_TokenSignedBeforeStillValidates()
    {
        var path = Path.Combine(_temp.Path, "keys.json");
        var before = SigningKeyLoader.Load(DevelopmentSigningKeys.LoadOrCreate(path)[0], _temp.Path);

        var after = SigningKeyLoader.Load(DevelopmentSigningKeys.LoadOrCreate(path)[0], _temp.Path);

        after.PublicJwk.N.Should().Be(before.PublicJwk.N);
        await SigningTestKeys.SignAndValidateAsync(after);
    }

    [Fact]
    public void LoadOrCreate_JsonArrayFile_IsAccepted()
    {
        var created = DevelopmentSigningKeys.LoadOrCreate(Path.Combine(_temp.Path, "keys.json"));
        var arrayPath = _temp.Write("array.json", "[" + string.Join(",", created.Select(o => o.Jwk)) + "]");

        var read = DevelopmentSigningKeys.LoadOrCreate(arrayPath);

        read.Select(o => o.KeyId).Should().Equal(created.Select(o => o.KeyId));
    }

    [Theory]
    [InlineData("{ not json", "it is not valid JSON")]
    [InlineData("{\"foo\":1}", "it is neither a JSON array of JWKs nor an object with a \"keys\" array")]
    [InlineData("{\"keys\":[]}", "it contains no keys")]
    [InlineData("[{\"kty\":\"RSA\"}]", "key 0 is not a JWK object with \"kid\" and \"alg\"")]
    [InlineData("[{\"kty\":\"RSA\",\"kid\":\"a\",\"alg\":\"RS256\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]", "key 0 is not usable: Jwk: the JWK has no private key")]
    public void LoadOrCreate_CorruptedFile_ThrowsClearMessage(string content, string problem)
    {
        var path = _temp.Write("keys.json", content);

        var act = () => DevelopmentSigningKeys.LoadOrCreate(path);

        act.Should().Throw<SigningKeyException>()
            .Which.Message.Should().StartWith($"the development signing key file '{path}' is invalid: {problem}")
            .And.EndWith("Delete the file to generate new development keys (tokens signed with the old keys stop validating).");
        File.ReadAllText(path).Should().Be(content, "a corrupted file is never overwritten");
    }

    [Fact]
    public void LoadOrCreate_File_IsJwksShapedObject()
    {
        var path = Path.Combine(_temp.Path, "keys.json");

        DevelopmentSigningKeys.LoadOrCreate(path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        document.RootElement.GetProperty("keys").GetArrayLength().Should().Be(2);
    }
}
