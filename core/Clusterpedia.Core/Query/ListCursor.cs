using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
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

    /// <summary>
    /// Decodes a token made by <see cref="Encode"/>, checking every part: the version, the sort fields, one value per
    /// field of the type that field needs (a timestamp for <c>created_at</c>, digits for <c>resource_version</c>, text
    /// for the key fields) and three key strings, none holding U+0000. A storage layer can bind what it gets unchecked.
    /// </summary>
    /// <remarks>
    /// Tokens are validated, not signed: a forged token that passes can only name a position in the sort order, which
    /// the client could reach with filters of its own, and an HMAC would need one secret shared (and rotated) by every
    /// apiserver replica behind a Service.
    /// </remarks>
    /// <exception cref="ListOptionsException">With parameter <c>continue</c> when the token is not one of ours.</exception>
    public static ListCursor Decode(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw new ListOptionsException(Parameter, "continue token is neither an offset nor a cursor issued by this server");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != FormatVersion
                || !root.TryGetProperty("o", out var o) || o.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("s", out var s) || s.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("k", out var k) || k.ValueKind != JsonValueKind.Array || k.GetArrayLength() != 3)
                throw Malformed();

            var orderBy = o.EnumerateArray().Select(e => ParseOrder(Text(e))).ToArray();
            var values = s.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : Text(e)).ToArray();
            if (values.Length != orderBy.Length || orderBy.DistinctBy(ob => ob.Field).Count() != orderBy.Length) throw Malformed();
            for (var i = 0; i < values.Length; i++)
                if (!IsValueOf(orderBy[i].Field, values[i])) throw Malformed();
            return new ListCursor(orderBy, values, Text(k[0]), Text(k[1]), Text(k[2]));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Malformed();
        }
    }

    private const string Parameter = "continue";

    private static ListOptionsException Malformed() => new(Parameter, "continue token is malformed");

    // A null, a number or a NUL where text belongs is a forged token, not a server error.
    private static string Text(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { } text && !text.Contains('\0') ? text : throw new FormatException();

    // The widest resourceVersion a storage layer compares as a number (MySQL's DECIMAL(30,0)).
    private const int MaxResourceVersionDigits = 30;

    private static bool IsValueOf(string field, string? value) => field switch
    {
        "cluster" or "namespace" or "name" => value is not null,
        // Items without a creation time or resourceVersion carry null (memory storage: "" for no resourceVersion).
        "created_at" => value is null || DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "resource_version" => value is null || (value.Length <= MaxResourceVersionDigits && !value.AsSpan().ContainsAnyExceptInRange('0', '9')),
        _ => false,
    };

    /// <summary>Checks that the cursor was issued for the same sort order as the request.</summary>
    public void EnsureMatches(IReadOnlyList<OrderBy> orderBy)
    {
        if (!OrderBy.SequenceEqual(orderBy))
            throw new ListOptionsException(Parameter, "continue token was issued for a different orderby");
    }

    private static OrderBy ParseOrder(string text) =>
        text.EndsWith(" desc", StringComparison.Ordinal) ? new OrderBy(text[..^5], true) : new OrderBy(text, false);
}
