namespace Clusterpedia.Kube.Connection;

/// <summary>
/// How to reach a cluster: a kubeconfig, or an API server URL with a bearer token, a client certificate or no
/// credentials at all, and a CA (or no CA, meaning TLS verification is skipped, as upstream does when <c>caData</c> is
/// missing).
/// </summary>
/// <remarks>PEM texts and the kubeconfig are given as the raw bytes a PediaCluster carries (base64-decoded).</remarks>
public sealed record KubeCredentials
{
    public byte[]? Kubeconfig { get; init; }
    /// <summary>The context to use from <see cref="Kubeconfig"/>; null for its current context.</summary>
    public string? Context { get; init; }
    public string? Server { get; init; }
    public byte[]? Token { get; init; }
    public byte[]? CaData { get; init; }
    public byte[]? CertData { get; init; }
    public byte[]? KeyData { get; init; }
    /// <summary>Skip TLS verification even when a CA is given.</summary>
    public bool Insecure { get; init; }
}
