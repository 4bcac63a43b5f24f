using System.Globalization;
using Clusterpedia.ApiServer.Security;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// kube-apiserver's delegated authentication/authorization flags, for the executables that serve the API; converted to
/// <see cref="SecurityOptions"/>. Lists are comma-separated and durations are Go durations (<c>10s</c>, <c>1m30s</c>), as in pflag.
/// </summary>
public static class SecurityFlags
{
    public const string ClientCaFile = "client-ca-file";
    public const string RequestHeaderClientCaFile = "requestheader-client-ca-file";
    public const string RequestHeaderAllowedNames = "requestheader-allowed-names";
    public const string RequestHeaderUsernameHeaders = "requestheader-username-headers";
    public const string RequestHeaderGroupHeaders = "requestheader-group-headers";
    public const string RequestHeaderExtraHeadersPrefix = "requestheader-extra-headers-prefix";
    public const string AuthenticationKubeconfig = "authentication-kubeconfig";
    public const string AuthenticationTokenWebhookCacheTtl = "authentication-token-webhook-cache-ttl";
    public const string AuthorizationKubeconfig = "authorization-kubeconfig";
    public const string AuthorizationWebhookCacheAuthorizedTtl = "authorization-webhook-cache-authorized-ttl";
    public const string AuthorizationWebhookCacheUnauthorizedTtl = "authorization-webhook-cache-unauthorized-ttl";
    public const string AuthorizationAlwaysAllowPaths = "authorization-always-allow-paths";
    public const string AuthorizationAlwaysAllowGroups = "authorization-always-allow-groups";
    public const string AnonymousAuth = "anonymous-auth";
    public const string AuthenticationSkipLookup = "authentication-skip-lookup";
    public const string AuthenticationTolerateLookupFailure = "authentication-tolerate-lookup-failure";

    public static FlagSet Add(FlagSet flags) => flags
        .Add(new(ClientCaFile, "CA bundle (PEM) verifying client certificates; such a certificate is the user CN in the groups O"))
        .Add(new(RequestHeaderClientCaFile, "CA bundle (PEM) verifying the front proxy's client certificate; only then are the request headers trusted"))
        .Add(new(RequestHeaderAllowedNames, "front proxy certificate common names to trust; empty trusts any the CA signed", ValueName: "strings"))
        .Add(new(RequestHeaderUsernameHeaders, "request headers naming the user (the first non-empty wins)", DefaultValue: "X-Remote-User", ValueName: "strings"))
        .Add(new(RequestHeaderGroupHeaders, "request headers carrying the user's groups", DefaultValue: "X-Remote-Group", ValueName: "strings"))
        .Add(new(RequestHeaderExtraHeadersPrefix, "request header prefixes carrying the user's extra values", DefaultValue: "X-Remote-Extra-", ValueName: "strings"))
        .Add(new(AuthenticationKubeconfig, "kubeconfig of the cluster whose TokenReview checks bearer tokens; none = the pod's service account in a cluster, else tokens are no credential"))
        .Add(new(AuthenticationTokenWebhookCacheTtl, "how long TokenReview answers are reused", DefaultValue: "10s", ValueName: "duration"))
        .Add(new(AuthorizationKubeconfig, "kubeconfig of the cluster whose SubjectAccessReview authorizes requests; none = the pod's service account in a cluster, else every authenticated request is allowed"))
        .Add(new(AuthorizationWebhookCacheAuthorizedTtl, "how long allowed SubjectAccessReview answers are reused", DefaultValue: "10s", ValueName: "duration"))
        .Add(new(AuthorizationWebhookCacheUnauthorizedTtl, "how long denied SubjectAccessReview answers are reused", DefaultValue: "10s", ValueName: "duration"))
        .Add(new(AuthorizationAlwaysAllowPaths, "paths served without authentication or authorization (a trailing * matches a prefix)", DefaultValue: "/healthz,/readyz,/livez", ValueName: "strings"))
        .Add(new(AuthorizationAlwaysAllowGroups, "groups whose users skip SubjectAccessReview", DefaultValue: "system:masters", ValueName: "strings"))
        .Add(new(AuthenticationSkipLookup, "do not read missing CAs from the kube-system/extension-apiserver-authentication ConfigMap", IsBoolean: true))
        .Add(new(AuthenticationTolerateLookupFailure, "start even when that ConfigMap cannot be read", IsBoolean: true))
        .Add(new(AnonymousAuth, "serve requests without credentials as system:anonymous; when not given: off if any authentication flag is set, else loopback clients only", IsBoolean: true));

    /// <summary>Null when the security flags are not defined for this executable.</summary>
    /// <exception cref="UsageException">A malformed duration or boolean.</exception>
    public static SecurityOptions? ToOptions(ParsedFlags flags)
    {
        if (!flags.IsDefined(ClientCaFile)) return null;
        var options = new SecurityOptions
        {
            ClientCaFile = flags.GetNonEmptyString(ClientCaFile),
            RequestHeaderClientCaFile = flags.GetNonEmptyString(RequestHeaderClientCaFile),
            RequestHeaderAllowedNames = List(flags, RequestHeaderAllowedNames),
            RequestHeaderUsernameHeaders = List(flags, RequestHeaderUsernameHeaders),
            RequestHeaderGroupHeaders = List(flags, RequestHeaderGroupHeaders),
            RequestHeaderExtraHeadersPrefix = List(flags, RequestHeaderExtraHeadersPrefix),
            AuthenticationKubeconfig = flags.GetNonEmptyString(AuthenticationKubeconfig),
            TokenReviewCacheTtl = Duration(flags, AuthenticationTokenWebhookCacheTtl),
            AuthorizationKubeconfig = flags.GetNonEmptyString(AuthorizationKubeconfig),
            AuthorizedCacheTtl = Duration(flags, AuthorizationWebhookCacheAuthorizedTtl),
            UnauthorizedCacheTtl = Duration(flags, AuthorizationWebhookCacheUnauthorizedTtl),
            AuthorizationAlwaysAllowPaths = List(flags, AuthorizationAlwaysAllowPaths),
            AuthorizationAlwaysAllowGroups = List(flags, AuthorizationAlwaysAllowGroups),
            AuthenticationSkipLookup = flags.GetBool(AuthenticationSkipLookup),
            AuthenticationTolerateLookupFailure = flags.GetBool(AuthenticationTolerateLookupFailure),
            // As upstream aggregated servers: in a pod, the service account reaches the hosting cluster's reviews.
            InClusterFallback = Clusterpedia.ApiServer.Security.Webhooks.WebhookClient.IsInCluster,
        };
        bool? anonymous = flags.IsSet(AnonymousAuth) ? flags.GetBool(AnonymousAuth) : null;
        return options with { AllowAnonymous = AnonymousAccessDefaults.Resolve(anonymous, options.HasAuthenticationSource) };
    }

    private static string[] List(ParsedFlags flags, string name) =>
        (flags.GetString(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A Go duration: a sequence of number+unit (h, m, s, ms), e.g. <c>10s</c>, <c>1m30s</c>, <c>0</c>.</summary>
    public static TimeSpan ParseDuration(string name, string value)
    {
        var text = value.Trim();
        if (text == "0") return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            if (unitStart == start || !double.TryParse(text[start..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                throw Invalid();
            total += text[unitStart..i] switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => throw Invalid(),
            };
        }
        return text.Length == 0 ? throw Invalid() : total;

        UsageException Invalid() => new($"invalid argument \"{value}\" for \"--{name}\" flag: expected a duration such as 10s, 2m or 1h30m");
    }

    private static TimeSpan Duration(ParsedFlags flags, string name) => ParseDuration(name, flags.GetString(name) ?? "0");
}
