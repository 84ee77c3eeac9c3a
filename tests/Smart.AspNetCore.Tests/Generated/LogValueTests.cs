using CsCheck;
using Smart.AspNetCore.Logging;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>CWE-117: <see cref="LogValue"/> leaves no line break, control or bidi character and at most 100 characters.</summary>
public sealed class LogValueTests
{
    [Theory]
    [InlineData("evil\r\nINJECTED", "evil??INJECTED")]
    [InlineData("a\u2028b\u202Ec\0", "a?b?c?")]
    [InlineData("growth-chart", "growth-chart")]
    [InlineData(null, "(none)")]
    public void Sanitize_Value_ReplacesUnsafeCharacters(string? value, string expected) =>
        LogValue.Sanitize(value).Should().Be(expected);

    [Fact]
    public void Sanitize_AnyValue_IsOneShortSafeLine() =>
        Generators.Text(300).Sample(value =>
        {
            var safe = LogValue.Sanitize(value);

            safe.Length.Should().BeLessThanOrEqualTo(LogValue.MaxLength + 1);
            safe.Should().NotContainAny("\r", "\n", "\u2028", "\u2029", "\u0085", "\0", "\u202E");
            if (value.Length <= LogValue.MaxLength && !value.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')))
            {
                safe.Should().Be(value);
            }
        }, iter: 3000);
}
