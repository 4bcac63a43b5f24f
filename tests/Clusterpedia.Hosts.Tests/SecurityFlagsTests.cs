using Clusterpedia.ApiServer.Security;
using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The authentication/authorization flags, parsed without starting a process.</summary>
public sealed class SecurityFlagsTests
{
    private static SecurityOptions Parse(params string[] args) =>
        HostFlags.ToOptions(HostFlags.Create(HostComponent.BindingApiServer, HostDefaults.BindingApiServer).Parse(args)).Security!;

    [Fact]
    public void Defaults_follow_kube_apiserver_except_anonymous()
    {
        var o = Parse();
        Assert.Null(o.ClientCaFile);
        Assert.Equal(["X-Remote-User"], o.RequestHeaderUsernameHeaders);
        Assert.Equal(["X-Remote-Group"], o.RequestHeaderGroupHeaders);
        Assert.Equal(["X-Remote-Extra-"], o.RequestHeaderExtraHeadersPrefix);
        Assert.Empty(o.RequestHeaderAllowedNames);
        Assert.Equal(["/healthz", "/readyz", "/livez"], o.AuthorizationAlwaysAllowPaths);
        Assert.Equal(["system:masters"], o.AuthorizationAlwaysAllowGroups);
        Assert.Equal(TimeSpan.FromSeconds(10), o.TokenReviewCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(10), o.AuthorizedCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(10), o.UnauthorizedCacheTtl);
        Assert.False(o.AuthenticationSkipLookup);
        Assert.False(o.InClusterFallback);
        // Nothing configured: only loopback clients are served anonymously.
        Assert.Equal(AnonymousAccess.LoopbackOnly, o.AllowAnonymous);
    }

    [Fact]
    public void Every_flag_is_read()
    {
        var o = Parse("--client-ca-file=/ca.crt", "--requestheader-client-ca-file", "/proxy.crt",
            "--requestheader-allowed-names=aggregator, front-proxy-client", "--requestheader-username-headers=X-User",
            "--requestheader-group-headers=X-Group,X-Team", "--requestheader-extra-headers-prefix=X-Extra-",
            "--authentication-kubeconfig=/authn", "--authorization-kubeconfig=/authz",
            "--authentication-token-webhook-cache-ttl=1m30s", "--authorization-webhook-cache-authorized-ttl=5m",
            "--authorization-webhook-cache-unauthorized-ttl=0", "--authorization-always-allow-paths=/healthz,/metrics*",
            "--authorization-always-allow-groups=admins", "--anonymous-auth", "--authentication-skip-lookup",
            "--authentication-tolerate-lookup-failure");
        Assert.Equal("/ca.crt", o.ClientCaFile);
        Assert.Equal("/proxy.crt", o.RequestHeaderClientCaFile);
        Assert.Equal(["aggregator", "front-proxy-client"], o.RequestHeaderAllowedNames);
        Assert.Equal(["X-User"], o.RequestHeaderUsernameHeaders);
        Assert.Equal(["X-Group", "X-Team"], o.RequestHeaderGroupHeaders);
        Assert.Equal(["X-Extra-"], o.RequestHeaderExtraHeadersPrefix);
        Assert.Equal("/authn", o.AuthenticationKubeconfig);
        Assert.Equal("/authz", o.AuthorizationKubeconfig);
        Assert.Equal(TimeSpan.FromSeconds(90), o.TokenReviewCacheTtl);
        Assert.Equal(TimeSpan.FromMinutes(5), o.AuthorizedCacheTtl);
        Assert.Equal(TimeSpan.Zero, o.UnauthorizedCacheTtl);
        Assert.Equal(["/healthz", "/metrics*"], o.AuthorizationAlwaysAllowPaths);
        Assert.Equal(["admins"], o.AuthorizationAlwaysAllowGroups);
        Assert.Equal(AnonymousAccess.Enabled, o.AllowAnonymous);
        Assert.True(o.AuthenticationSkipLookup);
        Assert.True(o.AuthenticationTolerateLookupFailure);
    }

    [Theory]
    [InlineData(new string[0], AnonymousAccess.LoopbackOnly)]
    [InlineData(new[] { "--client-ca-file=/ca.crt" }, AnonymousAccess.Disabled)]
    [InlineData(new[] { "--authentication-kubeconfig=/k" }, AnonymousAccess.Disabled)]
    [InlineData(new[] { "--client-ca-file=/ca.crt", "--anonymous-auth=true" }, AnonymousAccess.Enabled)]
    [InlineData(new[] { "--anonymous-auth=false" }, AnonymousAccess.Disabled)]
    public void Anonymous_access_is_explicit_or_loopback_only_when_nothing_is_configured(string[] args, AnonymousAccess expected) =>
        Assert.Equal(expected, Parse(args).AllowAnonymous);

    [Theory]
    [InlineData("10", "--authentication-token-webhook-cache-ttl")]
    [InlineData("ten", "--authentication-token-webhook-cache-ttl")]
    [InlineData("5d", "--authentication-token-webhook-cache-ttl")]
    [InlineData("", "--authentication-token-webhook-cache-ttl")]
    public void Malformed_duration_names_the_flag(string value, string flag)
    {
        var e = Assert.Throws<UsageException>(() => Parse($"{flag}={value}"));
        Assert.Equal($"invalid argument \"{value}\" for \"{flag}\" flag: expected a duration such as 10s, 2m or 1h30m", e.Message);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1500)]
    public void Go_durations(string value, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), SecurityFlags.ParseDuration("x", value));

    [Fact]
    public void Only_executables_serving_the_API_have_security_flags()
    {
        var manager = HostFlags.Create(HostComponent.ClusterSynchroManager, HostDefaults.ClusterSynchroManager);
        var e = Assert.Throws<UsageException>(() => manager.Parse(["--client-ca-file=/ca.crt"]));
        Assert.Equal("unknown flag: --client-ca-file", e.Message);
        Assert.Null(HostFlags.ToOptions(manager.Parse([])).Security);
        Assert.NotNull(HostFlags.ToOptions(HostFlags.Create(HostComponent.ApiServer, HostDefaults.ApiServer).Parse([])).Security);
    }
}
