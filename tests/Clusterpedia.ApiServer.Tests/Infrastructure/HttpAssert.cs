using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

internal static class HttpAssert
{
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> GetJsonAsync(this HttpClient client, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"GET {path} -> {(int)response.StatusCode}, not JSON ({e.Message}): {text}");
        }
        return (response, body!);
    }

    /// <summary>GETs a path expecting 200 and returns the JSON body.</summary>
    public static async Task<JsonNode> GetOkAsync(this HttpClient client, string path, string? accept = null)
    {
        var (response, body) = await client.GetJsonAsync(path, accept);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} -> {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>Sends a request and asserts a Kubernetes Status failure with this code, reason and message.</summary>
    public static async Task<JsonNode> AssertStatusAsync(this HttpClient client, HttpMethod method, string path, int code, string reason,
        string? message = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (method != HttpMethod.Get) request.Content = new StringContent("{}", new MediaTypeHeaderValue("application/json"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == code, $"{method} {path} -> {(int)response.StatusCode} (want {code}): {text}");
        var status = JsonNode.Parse(text)!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal(code, (int)status["code"]!);
        Assert.Equal(reason, (string?)status["reason"]);
        if (message is not null) Assert.Equal(message, (string?)status["message"]);
        return status;
    }

    public static Task<JsonNode> AssertStatusAsync(this HttpClient client, string path, int code, string reason, string? message = null, string? accept = null) =>
        client.AssertStatusAsync(HttpMethod.Get, path, code, reason, message, accept);

    public static IEnumerable<string?> Strings(this JsonNode? array, string? property = null) =>
        array!.AsArray().Select(n => property is null ? (string?)n : (string?)n![property]);
}
