using System.Text.Json;

namespace Clusterpedia.ApiServer.Security.Webhooks;

/// <summary>
/// <c>kube-system/extension-apiserver-authentication</c>: where kube-apiserver publishes its client CA and the front
/// proxy's CA and header names. Upstream aggregated servers read it when the flags do not give them, so a deployment
/// made for upstream Clusterpedia (no authentication flags) authenticates the aggregator and users the same way.
/// </summary>
public sealed record AuthenticationConfigMap(
    string? ClientCa,
    string? RequestHeaderClientCa,
    IReadOnlyList<string> RequestHeaderAllowedNames,
    IReadOnlyList<string> RequestHeaderUsernameHeaders,
    IReadOnlyList<string> RequestHeaderGroupHeaders,
    IReadOnlyList<string> RequestHeaderExtraHeadersPrefix)
{
    public const string Path = "api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication";

    /// <summary>Null when the ConfigMap does not exist (not a cluster that publishes it).</summary>
    /// <exception cref="SecurityConfigurationException">The ConfigMap could not be read.</exception>
    public static async Task<AuthenticationConfigMap?> ReadAsync(WebhookClient cluster, CancellationToken cancellationToken)
    {
        int code;
        byte[] body;
        try
        {
            (code, body) = await cluster.GetAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new SecurityConfigurationException($"cannot read configmap kube-system/extension-apiserver-authentication from {cluster.Server}: {e.Message}", e);
        }
        if (code == 404) return null;
        if (code is < 200 or > 299)
            throw new SecurityConfigurationException($"cannot read configmap kube-system/extension-apiserver-authentication from {cluster.Server}: {ReviewJson.ErrorText(code, body)}");
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                return new AuthenticationConfigMap(null, null, [], [], [], []);
            return new AuthenticationConfigMap(
                String(data, "client-ca-file"),
                String(data, "requestheader-client-ca-file"),
                List(data, "requestheader-allowed-names"),
                List(data, "requestheader-username-headers"),
                List(data, "requestheader-group-headers"),
                List(data, "requestheader-extra-headers-prefix"));
        }
        catch (JsonException e)
        {
            throw new SecurityConfigurationException($"configmap kube-system/extension-apiserver-authentication is malformed: {e.Message}", e);
        }
    }

    private static string? String(JsonElement data, string key) =>
        data.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    // List values are JSON arrays inside the string, e.g. "[\"X-Remote-User\"]".
    private static string[] List(JsonElement data, string key)
    {
        if (String(data, key) is not { } text) return [];
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToArray()
            : [];
    }
}
