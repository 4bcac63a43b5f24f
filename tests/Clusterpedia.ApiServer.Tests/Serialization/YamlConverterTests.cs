using Clusterpedia.ApiServer.Serialization;

namespace Clusterpedia.ApiServer.Tests.Serialization;

public sealed class YamlConverterTests
{
    [Fact]
    public void Objects_and_sequences_are_written_as_kubectl_does()
    {
        var yaml = YamlConverter.Convert("""{"a":{"b":1,"c":[{"d":"x","e":[]},{"f":{}}],"g":[1,2]},"h":null,"i":true}""");
        Assert.Equal("a:\n  b: 1\n  c:\n  - d: x\n    e: []\n  - f: {}\n  g:\n  - 1\n  - 2\nh: null\ni: true\n", yaml);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("0755", "\"0755\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("-1", "\"-1\"")]
    [InlineData(".5", "\".5\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("- x", "\"- x\"")]
    [InlineData("*ref", "\"*ref\"")]
    [InlineData("{x}", "\"{x}\"")]
    [InlineData("trailing ", "\"trailing \"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("\"quoted", "\"\\\"quoted\"")]
    [InlineData("key:", "\"key:\"")]
    [InlineData("http://x.io/a", "http://x.io/a")]
    [InlineData("nginx:1.27", "nginx:1.27")]
    [InlineData("-leading-dash", "-leading-dash")]
    [InlineData("2026-11-27T10:00:00Z", "\"2026-11-27T10:00:00Z\"")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.0.0.7", "10.0.0.7")]
    [InlineData("1.27", "\"1.27\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("-", "\"-\"")]
    [InlineData("3h5m", "3h5m")]
    public void Strings_are_quoted_when_yaml_would_misread_them(string value, string expected)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(value, Clusterpedia.ApiServer.Tests.Infrastructure.TestJson.Default.String);
        Assert.Equal($"k: {expected}\n", YamlConverter.Convert("{\"k\":" + json + "}"));
    }

    [Fact]
    public void Top_level_scalars_and_empty_documents()
    {
        Assert.Equal("{}\n", YamlConverter.Convert("{}"));
        Assert.Equal("[]\n", YamlConverter.Convert("[]"));
        Assert.Equal("- - 1\n  - 2\n- 3\n", YamlConverter.Convert("[[1,2],3]"));
    }
}
