using System.Text;
using System.Text.Json;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.ApiServer.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Tests.Serialization;

/// <summary>The whitespace-dropping copy on its own: hand-written cases, node's JSON.stringify, and re-spaced random documents.</summary>
public sealed class CompactJsonTests
{
    private static string Compact(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var output = new byte[bytes.Length];
        var length = CompactJson.Compact(bytes, output);
        return length < 0 ? json : Encoding.UTF8.GetString(output, 0, length);
    }

    [Theory]
    // PostgreSQL's jsonb text form, and MySQL's JSON output.
    [InlineData("""{"a": 1, "b": [2, 3], "c": {"d": null}}""", """{"a":1,"b":[2,3],"c":{"d":null}}""")]
    [InlineData("""{"s": "a: b, c", "t": "  two  spaces  "}""", """{"s":"a: b, c","t":"  two  spaces  "}""")]
    [InlineData("""{"q": "say \"hi, there\" ", "k": 1}""", """{"q":"say \"hi, there\" ","k":1}""")]
    [InlineData("""{"p": "C:\\ ", "n": "\\\" x", "e": "\\\\"}""", """{"p":"C:\\ ","n":"\\\" x","e":"\\\\"}""")]
    [InlineData("""{"u": "é 日本 🚀", "x": "\u00e9 \n\t"}""", """{"u":"é 日本 🚀","x":"\u00e9 \n\t"}""")]
    [InlineData("{\r\n\t\"a\" :\t[ ] , \"b\" : { }\r\n}\n", """{"a":[],"b":{}}""")]
    [InlineData("  \"just a string\"  ", "\"just a string\"")]
    [InlineData("[true, false, null, -1.5, 12]", "[true,false,null,-1.5,12]")]
    public void Drops_whitespace_outside_strings_only(string stored, string served) => Assert.Equal(served, Compact(stored));

    [Fact]
    public void Compact_input_is_left_alone()
    {
        var bytes = """{"a":"b c","d":[1,2]}"""u8.ToArray();
        Assert.Equal(-1, CompactJson.Compact(bytes, new byte[bytes.Length]));
        var json = new ReadOnlyMemory<byte>(bytes);
        Assert.True(CompactJson.ToCompact(json).Equals(json));
    }

    [Fact]
    public void Strings_and_escapes_across_block_boundaries()
    {
        // Backslash runs and quotes at every offset around the 64-byte blocks the scanner works in.
        for (var pad = 0; pad < 140; pad++)
        {
            foreach (var content in (string[])["\\\\", "\\\"", "\\\\\\\"", " \\\\ ", "\\\" , \\\"", "a\\\\\\\\"])
            {
                var key = new string('k', pad);
                var stored = $$"""{"{{key}}": "{{content}}" , "z": [ "{{content}}{{key}}" , 1 ] }""";
                var served = $$"""{"{{key}}":"{{content}}","z":["{{content}}{{key}}",1]}""";
                Assert.Equal(served, Compact(stored));
            }
        }
    }

    [Fact]
    public void Random_documents_respaced_between_tokens_compact_back()
    {
        var random = new Random(20261204);
        for (var n = 0; n < 300; n++)
        {
            var compact = RandomJson.Document(random);
            Assert.Equal(compact, Compact(RandomJson.Respace(compact, random)));
        }
    }

    [Fact]
    public void Served_objects_equal_JSON_stringify_of_the_stored_ones()
    {
        var random = new Random(7);
        var stored = new List<string>(CompactObjects.Stored);
        for (var n = 0; n < 50; n++) stored.Add(RandomJson.Respace(RandomJson.Document(random), random));
        var expected = Node.Stringify(stored);
        for (var i = 0; i < stored.Count; i++) Assert.Equal(expected[i], Compact(stored[i]));
    }

    [Fact]
    public void Writes_a_value_through_the_json_writer()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            CompactJson.WriteValue(w, Encoding.UTF8.GetBytes(CompactObjects.Stored[0]));
            CompactJson.WriteValue(w, """{"a":1}"""u8);
            w.WriteEndArray();
        }
        Assert.Equal($"[{CompactObjects.Served[0]},{{\"a\":1}}]", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
