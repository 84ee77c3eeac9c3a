using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

/// <summary>Several instances starting at once on one content root agree on one development key set (issue 9).</summary>
public class DevelopmentSigningKeysConcurrencyTests
{
    [Fact]
    public async Task LoadOrCreate_SixteenConcurrentStarts_AllGetOneKeySetCreatedOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "smart-devkeys-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "keys.json");
        try
        {
            using var start = new ManualResetEventSlim();
            var starts = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return DevelopmentSigningKeys.LoadOrCreate(path);
            })).ToArray();

            start.Set();
            var keySets = await Task.WhenAll(starts);

            var first = Describe(keySets[0]);
            first.Should().NotBeEmpty();
            keySets.Select(Describe).Should().OnlyContain(set => set.SequenceEqual(first));
            Directory.GetFiles(directory).Should().Equal(path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<string> Describe(IReadOnlyList<Smart.AspNetCore.SmartSigningKeyOptions> keys) =>
        keys.Select(k => k.KeyId + "|" + k.Jwk + "|" + k.Pem).ToList();
}
