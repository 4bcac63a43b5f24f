using System.Text.Json;

namespace Clusterpedia.Kube.Api;

/// <summary>Turns a Kubernetes Status body (or any error body) into a <see cref="KubeApiException"/>.</summary>
internal static class StatusReader
{
    public static KubeApiException ToException(ReadOnlySpan<byte> body, int httpStatus)
    {
        try
        {
            var status = JsonSerializer.Deserialize(body, KubeJsonContext.Default.KubeStatus);
            if (status is { Kind: "Status" })
                return new KubeApiException(status.Code != 0 ? status.Code : httpStatus, status.Reason ?? "", status.Message ?? $"status {httpStatus}");
        }
        catch (JsonException)
        {
        }
        var text = System.Text.Encoding.UTF8.GetString(body.Length > 512 ? body[..512] : body);
        return new KubeApiException(httpStatus, "", $"the server responded with status {httpStatus}: {text}");
    }
}
