using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Clusterpedia.Query;

/// <summary>
/// A keyset cursor: the sort-key values and the unique key (cluster, namespace, name) of the last item of a page.
/// The next page starts strictly after it, so page N costs the same as page 1 (DESIGN.md §3.3).
/// On the wire it is base64url JSON, opaque to clients.
/// </summary>
/// <param name="OrderBy">The sort fields the cursor was made for; a token used with other fields is rejected.</param>
/// <param name="Values">The last item's value for each sort field (null where the item had none).</param>
/// <param name="Cluster">The last item's cluster.</param>
/// <param name="Namespace">The last item's namespace ("" when cluster-scoped).</param>
/// <param name="Name">The last item's name.</param>
public sealed record ListCursor(
    IReadOnlyList<OrderBy> OrderBy,
    IReadOnlyList<string?> Values,
    string Cluster,
    string Namespace,
    string Name)
{
    private const int FormatVersion = 1;

    public string Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", FormatVersion);
            w.WriteStartArray("o");
            foreach (var o in OrderBy) w.WriteStringValue(o.Descending ? o.Field + " desc" : o.Field);
            w.WriteEndArray();
            w.WriteStartArray("s");
            foreach (var v in Values)
            {
                if (v is null) w.WriteNullValue();
                else w.WriteStringValue(v);
            }
            w.WriteEndArray();
            w.WriteStartArray("k");
            w.WriteStringValue(Cluster);
            w.WriteStringValue(Namespace);
            w.WriteStringValue(Name);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>Decodes a token made by <see cref="Encode"/>.</summary>
    /// <exception cref="ListOptionsException">With parameter <c>continue</c> when the token is not one of ours.</exception>
    public static ListCursor Decode(string token)
    {
        const string parameter = "continue";
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw new ListOptionsException(parameter, "continue token is neither an offset nor a cursor issued by this server");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var v) || v.GetInt32() != FormatVersion
                || !root.TryGetProperty("o", out var o) || !root.TryGetProperty("s", out var s)
                || !root.TryGetProperty("k", out var k) || k.GetArrayLength() != 3)
                throw new ListOptionsException(parameter, "continue token is malformed");

            var orderBy = o.EnumerateArray().Select(e => ParseOrder(Text(e))).ToArray();
            var values = s.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()).ToArray();
            if (values.Length != orderBy.Length) throw new ListOptionsException(parameter, "continue token is malformed");
            return new ListCursor(orderBy, values, Text(k[0]), Text(k[1]), Text(k[2]));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ListOptionsException(parameter, "continue token is malformed");
        }
    }

    // A null where text belongs is a forged token, not a server error.
    private static string Text(JsonElement e) => e.GetString() ?? throw new FormatException();

    /// <summary>Checks that the cursor was issued for the same sort order as the request.</summary>
    public void EnsureMatches(IReadOnlyList<OrderBy> orderBy)
    {
        if (!OrderBy.SequenceEqual(orderBy))
            throw new ListOptionsException("continue", "continue token was issued for a different orderby");
    }

    private static OrderBy ParseOrder(string text) =>
        text.EndsWith(" desc", StringComparison.Ordinal) ? new OrderBy(text[..^5], true) : new OrderBy(text, false);
}
