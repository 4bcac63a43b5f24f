using System.Text.Json.Nodes;

namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

internal static class Http
{
    /// <summary>GETs a path and returns the status code and the JSON body (a Status on failure).</summary>
    public static async Task<(int Code, JsonNode Body)> GetJsonAsync(this HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode body;
        try
        {
            body = JsonNode.Parse(text)!;
        }
        catch (System.Text.Json.JsonException)
        {
            body = JsonValue.Create(text);
        }
        return ((int)response.StatusCode, body);
    }

    /// <summary>Asserts a Kubernetes Status with this code and reason; returns it.</summary>
    public static JsonNode AssertStatus(this (int Code, JsonNode Body) response, int code, string reason, string? message = null)
    {
        Assert.True(response.Code == code, $"got {response.Code} (want {code}): {response.Body.ToJsonString()}");
        Assert.Equal("Status", (string?)response.Body["kind"]);
        Assert.Equal("Failure", (string?)response.Body["status"]);
        Assert.Equal(code, (int)response.Body["code"]!);
        Assert.Equal(reason, (string?)response.Body["reason"]);
        if (message is not null) Assert.Equal(message, (string?)response.Body["message"]);
        return response.Body;
    }

    public static JsonNode AssertOk(this (int Code, JsonNode Body) response)
    {
        Assert.True(response.Code == 200, $"got {response.Code} (want 200): {response.Body.ToJsonString()}");
        return response.Body;
    }

    public static string[] Strings(this JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();
}
