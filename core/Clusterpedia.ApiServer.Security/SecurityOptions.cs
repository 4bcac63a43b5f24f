namespace Clusterpedia.ApiServer.Security;

/// <summary>
/// How the API server authenticates and authorizes requests; the properties mirror kube-apiserver's delegated
/// authentication/authorization flags (named in each summary). Files are read once, at start-up.
/// </summary>
public sealed record SecurityOptions
{
    /// <summary><c>--client-ca-file</c>: x509 client certificates signed by these CAs authenticate as CN, groups O.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary><c>--requestheader-client-ca-file</c>: the front proxy's (aggregator's) client certificate CAs.</summary>
    public string? RequestHeaderClientCaFile { get; init; }

    /// <summary><c>--requestheader-allowed-names</c>: proxy certificate common names to trust; empty trusts any CN the proxy CA signed.</summary>
    public IReadOnlyList<string> RequestHeaderAllowedNames { get; init; } = [];

    /// <summary><c>--requestheader-username-headers</c>: the first non-empty one names the user.</summary>
    public IReadOnlyList<string> RequestHeaderUsernameHeaders { get; init; } = ["X-Remote-User"];

    /// <summary><c>--requestheader-group-headers</c>: every value of every one is a group.</summary>
    public IReadOnlyList<string> RequestHeaderGroupHeaders { get; init; } = ["X-Remote-Group"];

    /// <summary><c>--requestheader-extra-headers-prefix</c>: <c>&lt;prefix&gt;&lt;key&gt;</c> headers carry the user's extra values.</summary>
    public IReadOnlyList<string> RequestHeaderExtraHeadersPrefix { get; init; } = ["X-Remote-Extra-"];

    /// <summary><c>--authentication-kubeconfig</c>: where bearer tokens are checked with TokenReview.</summary>
    public string? AuthenticationKubeconfig { get; init; }

    /// <summary><c>--authorization-kubeconfig</c>: where requests are authorized with SubjectAccessReview; none = every authenticated request is allowed.</summary>
    public string? AuthorizationKubeconfig { get; init; }

    /// <summary><c>--authorization-always-allow-paths</c>: non-resource paths served without authentication or authorization; a trailing <c>*</c> matches a prefix.</summary>
    public IReadOnlyList<string> AuthorizationAlwaysAllowPaths { get; init; } = ["/healthz", "/readyz", "/livez"];

    /// <summary><c>--authorization-always-allow-groups</c>: users in these groups skip SubjectAccessReview, as kube's delegated authorizer does.</summary>
    public IReadOnlyList<string> AuthorizationAlwaysAllowGroups { get; init; } = ["system:masters"];

    /// <summary>
    /// <c>--authentication-skip-lookup</c> false (the default): when a CA flag is missing and a cluster is known (authentication
    /// kubeconfig or in-cluster), read it from <c>kube-system/extension-apiserver-authentication</c> as upstream does.
    /// </summary>
    public bool AuthenticationSkipLookup { get; init; }

    /// <summary><c>--authentication-tolerate-lookup-failure</c>: start without the ConfigMap's CAs when it cannot be read.</summary>
    public bool AuthenticationTolerateLookupFailure { get; init; }

    /// <summary>
    /// Use the pod's service account for TokenReview/SubjectAccessReview when no kubeconfig flag is given, as upstream
    /// aggregated servers do; hosts set it when running in a cluster.
    /// </summary>
    public bool InClusterFallback { get; init; }

    /// <summary><c>--anonymous-auth</c>, resolved: who may be <c>system:anonymous</c>. See <see cref="AnonymousAccessDefaults"/>.</summary>
    public AnonymousAccess AllowAnonymous { get; init; } = AnonymousAccess.Disabled;

    /// <summary><c>--authentication-token-webhook-cache-ttl</c>: how long TokenReview answers are reused.</summary>
    public TimeSpan TokenReviewCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>--authorization-webhook-cache-authorized-ttl</c>.</summary>
    public TimeSpan AuthorizedCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>--authorization-webhook-cache-unauthorized-ttl</c>.</summary>
    public TimeSpan UnauthorizedCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one TokenReview or SubjectAccessReview call may take.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when some credential (certificate, proxy certificate or token) can authenticate a request.</summary>
    public bool HasAuthenticationSource =>
        ClientCaFile is not null || RequestHeaderClientCaFile is not null || AuthenticationKubeconfig is not null || InClusterFallback;

    /// <summary>Problems a user must fix, each naming its flag; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        RequireFile(problems, "client-ca-file", ClientCaFile);
        RequireFile(problems, "requestheader-client-ca-file", RequestHeaderClientCaFile);
        RequireFile(problems, "authentication-kubeconfig", AuthenticationKubeconfig);
        RequireFile(problems, "authorization-kubeconfig", AuthorizationKubeconfig);
        if (RequestHeaderClientCaFile is not null && RequestHeaderUsernameHeaders.Count == 0)
            problems.Add("--requestheader-username-headers must name at least one header when --requestheader-client-ca-file is given");
        if (RequestHeaderAllowedNames.Count > 0 && RequestHeaderClientCaFile is null)
            problems.Add("--requestheader-allowed-names needs --requestheader-client-ca-file");
        foreach (var header in RequestHeaderUsernameHeaders.Concat(RequestHeaderGroupHeaders).Concat(RequestHeaderExtraHeadersPrefix))
        {
            if (header.Length == 0 || header.Any(c => c <= ' ' || c >= 127 || c == ':'))
                problems.Add($"--requestheader-*: \"{header}\" is not a valid HTTP header name");
        }
        foreach (var path in AuthorizationAlwaysAllowPaths)
        {
            if (path.Length > 0 && path[..^1].Contains('*'))
                problems.Add($"--authorization-always-allow-paths: only a trailing * is allowed in \"{path}\"");
        }
        Positive(problems, "authentication-token-webhook-cache-ttl", TokenReviewCacheTtl);
        Positive(problems, "authorization-webhook-cache-authorized-ttl", AuthorizedCacheTtl);
        Positive(problems, "authorization-webhook-cache-unauthorized-ttl", UnauthorizedCacheTtl);
        if (WebhookTimeout <= TimeSpan.Zero) problems.Add($"the webhook timeout must be positive, got {WebhookTimeout}");
        return problems;
    }

    private static void RequireFile(List<string> problems, string flag, string? path)
    {
        if (path is null) return;
        if (Directory.Exists(path)) problems.Add($"--{flag} \"{path}\" is a directory, not a file");
        else if (!File.Exists(path)) problems.Add($"--{flag} \"{path}\" does not exist");
    }

    // Zero disables a cache, as in kube; only negative durations are wrong.
    private static void Positive(List<string> problems, string flag, TimeSpan value)
    {
        if (value < TimeSpan.Zero) problems.Add($"--{flag} must not be negative, got {value}");
    }
}
