using System.Text;
using System.Text.Json;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// <c>whereSQLJSONParams</c>: a base64-encoded JSON array of typed parameters (upstream: URL queries cannot carry
/// <c>[]</c> comfortably). Strings, numbers, booleans and null become one parameter each; an array of those becomes a
/// list for <c>IN (?)</c>.
/// </summary>
internal static class WhereSqlJsonParams
{
    /// <returns>Each parameter: string, long, decimal, double, bool, null, or an <see cref="IReadOnlyList{T}"/> of those.</returns>
    /// <exception cref="ListOptionsException">Not base64, not a JSON array, or an element that is an object or a nested array.</exception>
    public static IReadOnlyList<object?> Decode(string base64, string parameter)
    {
        byte[] json;
        try
        {
            // A '+' left unescaped in a URL query arrives as a space; base64 has no spaces, so it can only be that.
            json = Convert.FromBase64String(base64.Trim().Replace(' ', '+'));
        }
        catch (FormatException e)
        {
            throw new ListOptionsException(parameter, $"failed to decode base64 string: {e.Message}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ListOptionsException(parameter, $"failed to unmarshal decoded base64 string to JSON array: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new ListOptionsException(parameter, $"the decoded JSON is {Describe(document.RootElement)}, not an array: {Excerpt(json)}");
            var values = new List<object?>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Array)
                    values.Add(element.EnumerateArray().Select(item => Scalar(item, values.Count, parameter)).ToList());
                else
                    values.Add(Scalar(element, values.Count, parameter));
            }
            return values;
        }
    }

    private static object? Scalar(JsonElement element, int index, string parameter) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number when element.TryGetDecimal(out var exact) => exact,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new ListOptionsException(parameter,
            $"parameter {index} is {Describe(element)}; parameters are strings, numbers, booleans, null, or arrays of those (for IN (?))"),
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array inside an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Excerpt(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
