namespace Clusterpedia.Kube.Api;

/// <summary>A non-success answer from a member cluster, with the Kubernetes Status it carried when there was one.</summary>
public sealed class KubeApiException(int statusCode, string reason, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Reason { get; } = reason;

    /// <summary>410 Gone: the resourceVersion or continue token is too old; the caller relists.</summary>
    public bool IsExpired => StatusCode == 410 || Reason is "Expired" or "Gone";
}
