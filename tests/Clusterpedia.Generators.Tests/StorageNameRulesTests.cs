namespace Clusterpedia.Generators.Tests;

public class StorageNameRulesTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("my.storage")]
    [InlineData("internal-v2.example.io")]
    public void ValidNames_AreAccepted(string name) => Assert.Null(StorageNameRules.Validate(name));

    [Fact]
    public void LongestParts_AreAccepted()
    {
        var part = new string('a', 63);
        Assert.Null(StorageNameRules.Validate(part));
        // 3 * 63 + 61 + 3 dots = 253: the longest allowed name.
        Assert.Null(StorageNameRules.Validate($"{part}.{part}.{part}.{new string('b', 61)}"));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("Memory", "'M'")]
    [InlineData("mem_ory", "'_'")]
    [InlineData("mem ory", "' '")]
    [InlineData("-memory", "does not start and end")]
    [InlineData("memory-", "does not start and end")]
    [InlineData("my.-storage", "'-storage'")]
    [InlineData(".memory", "empty dot-separated part")]
    [InlineData("memory.", "empty dot-separated part")]
    [InlineData("a..b", "empty dot-separated part")]
    public void InvalidNames_SayWhy(string? name, string reason)
    {
        var problem = StorageNameRules.Validate(name);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongPartOrName_IsRejected()
    {
        Assert.Contains("64 characters", StorageNameRules.Validate(new string('a', 64)));
        var part = new string('a', 63);
        Assert.Contains("254 characters", StorageNameRules.Validate($"{part}.{part}.{part}.{new string('b', 62)}"));
    }
}
