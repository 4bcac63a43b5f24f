using System.Globalization;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// Upstream's client flags for the host cluster connection (<c>--kubeconfig</c>): <c>--master</c> overrides the
/// kubeconfig's server, <c>--kube-api-qps</c>/<c>--kube-api-burst</c> rate-limit its requests as client-go does, and
/// <c>--kube-api-content-type</c> is accepted, but requests are always JSON. Member clusters are not limited, as upstream.
/// </summary>
public static class KubeClientFlags
{
    public const string Master = "master";
    public const string KubeApiQps = "kube-api-qps";
    public const string KubeApiBurst = "kube-api-burst";
    public const string KubeApiContentType = "kube-api-content-type";

    public const string Json = "application/json";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";

    public static FlagSet Add(FlagSet flags) => flags
        .Add(new(Master, "the host cluster's API server URL, overriding the server in --kubeconfig"))
        .Add(new(KubeApiQps, "requests per second to the host cluster (client-side rate limit); negative disables the limit", DefaultValue: "50", ValueName: "float32"))
        .Add(new(KubeApiBurst, "requests to the host cluster allowed in a burst above --kube-api-qps", DefaultValue: "100", ValueName: "int32"))
        .Add(new(KubeApiContentType, $"the content type of requests to the host cluster; only {Json} is implemented", DefaultValue: Json));

    /// <summary>Null when these flags are not defined for this executable.</summary>
    /// <exception cref="UsageException">A malformed number or URL, or an unknown content type.</exception>
    public static KubeClientSettings? ToOptions(ParsedFlags flags, ICollection<string> warnings)
    {
        if (!flags.IsDefined(Master)) return null;
        var master = flags.GetNonEmptyString(Master);
        if (master is not null && (!Uri.TryCreate(master, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            throw new UsageException($"invalid argument \"{master}\" for \"--{Master}\" flag: expected an http(s) URL");

        var qpsText = flags.GetString(KubeApiQps) ?? "50";
        if (!double.TryParse(qpsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var qps) || double.IsNaN(qps) || double.IsInfinity(qps) || qps == 0)
            throw new UsageException($"invalid argument \"{qpsText}\" for \"--{KubeApiQps}\" flag: expected a positive number (negative disables the limit)");
        var burst = flags.GetInt32(KubeApiBurst, 1, int.MaxValue);

        var contentType = flags.GetString(KubeApiContentType) ?? Json;
        if (contentType == Protobuf)
            warnings.Add($"--{KubeApiContentType}={Protobuf} is not implemented by this build: requests to the host cluster use {Json}");
        else if (contentType != Json)
            throw new UsageException($"invalid argument \"{contentType}\" for \"--{KubeApiContentType}\" flag: expected {Json} (or {Protobuf}, which falls back to JSON)");

        return new KubeClientSettings(master, qps < 0 ? null : qps, burst);
    }
}

/// <summary>How the synchro reaches the host cluster beyond its kubeconfig.</summary>
/// <param name="Master"><c>--master</c>: the server URL replacing the kubeconfig's; null keeps it.</param>
/// <param name="Qps"><c>--kube-api-qps</c>; null means no client-side limit.</param>
/// <param name="Burst"><c>--kube-api-burst</c>.</param>
public sealed record KubeClientSettings(string? Master, double? Qps, int Burst)
{
    public static readonly KubeClientSettings Default = new(null, 50, 100);

    public bool IsDefault => this == Default;
}
