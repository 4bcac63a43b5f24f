using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Api;

namespace Clusterpedia.Synchro.Manager;

/// <summary>
/// A PediaCluster's credentials (upstream's <c>pkg/utils/rest.go</c>): inline ones, else the Secrets named by
/// <c>authenticationFrom</c> (gate ClusterAuthenticationFromSecret) with the same precedence inside.
/// </summary>
public static class ClusterCredentials
{
    public const string Gate = "ClusterAuthenticationFromSecret";

    public static bool HasInline(PediaClusterSpec spec) =>
        spec.Kubeconfig is { Length: > 0 } || spec.TokenData is { Length: > 0 } || spec.CertData is { Length: > 0 };

    /// <summary>Whether the credentials come from the Secret <paramref name="secretName"/>.</summary>
    public static bool ReadsSecret(PediaClusterSpec spec, string secretName) =>
        !HasInline(spec) && spec.AuthenticationFrom is { } from
        && new[] { from.Kubeconfig, from.Ca, from.Token, from.Cert, from.Key }.Any(s => s?.Name == secretName);

    /// <param name="secrets">The host cluster's Secrets; null without a host cluster (local <c>--pediaclusters</c> mode).</param>
    /// <exception cref="KubeConfigException">"invalid cluster config: …", naming what is missing.</exception>
    public static KubeCredentials Resolve(PediaClusterSpec spec, bool fromSecretEnabled, IClusterSecrets? secrets)
    {
        if (HasInline(spec) || spec.AuthenticationFrom is not { } from)
        {
            return new KubeCredentials
            {
                Kubeconfig = spec.Kubeconfig, Server = spec.Apiserver, Token = spec.TokenData,
                CaData = spec.CaData, CertData = spec.CertData, KeyData = spec.KeyData,
            };
        }
        if (!fromSecretEnabled)
            throw new KubeConfigException($"invalid cluster config: authenticationFrom needs the feature gate {Gate}, which is off; enable it or give inline credentials");
        if (secrets is null)
            throw new KubeConfigException("invalid cluster config: authenticationFrom reads Secrets of a host cluster, and local --pediaclusters mode has none; give inline credentials");

        if (from.Kubeconfig is { } kubeconfig) return new KubeCredentials { Kubeconfig = Read(secrets, kubeconfig, "kubeconfig") };
        return new KubeCredentials
        {
            Server = spec.Apiserver,
            CaData = Read(secrets, from.Ca, "ca"),
            Token = Read(secrets, from.Token, "token"),
            CertData = Read(secrets, from.Cert, "cert"),
            KeyData = Read(secrets, from.Key, "key"),
        };
    }

    private static byte[]? Read(IClusterSecrets secrets, SecretKeySelector? selector, string field)
    {
        if (selector is null) return null;
        var where = $"authenticationFrom.{field}";
        if (string.IsNullOrEmpty(selector.Name) || string.IsNullOrEmpty(selector.Key))
            throw new KubeConfigException($"invalid cluster config: {where} needs a secret name and key");
        var data = secrets.Get(selector.Name)
            ?? throw new KubeConfigException($"invalid cluster config: {where}: secret {secrets.Namespace}/{selector.Name} not found");
        return data.TryGetValue(selector.Key, out var value)
            ? value
            : throw new KubeConfigException($"invalid cluster config: {where}: secret {secrets.Namespace}/{selector.Name} has no key '{selector.Key}'");
    }
}
