using System.Text;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;

namespace Clusterpedia.Synchro.Tests.Kube;

/// <summary>
/// Kubeconfig users as client-go reads them, against simulated clusters that record the Authorization header each
/// request carried: no credentials (<c>user: {}</c>) send none, basic auth and tokenFile send theirs, over HTTPS or plain HTTP.
/// </summary>
public sealed class KubeconfigUserTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubeconfig-users-");
    private ClusterSimulator.ClusterSimulator _open = null!;
    private ClusterSimulator.ClusterSimulator _plain = null!;

    public async Task InitializeAsync()
    {
        _open = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { Name = "open", Deployments = 1 });
        _plain = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { Name = "plain", Deployments = 1, PlainHttp = true });
    }

    public async Task DisposeAsync()
    {
        await _open.DisposeAsync();
        await _plain.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    private static async Task<string?> VersionThroughAsync(KubeConnection connection)
    {
        using var client = new KubeClient(connection);
        return (await client.GetVersionAsync(CancellationToken.None)).GitVersion;
    }

    private static KubeConnection FromKubeconfig(string kubeconfig) =>
        KubeConnection.Create(new KubeCredentials { Kubeconfig = Encoding.UTF8.GetBytes(kubeconfig) });

    private string Ca => Convert.ToBase64String(Encoding.UTF8.GetBytes(_open.Certificate.ExportCertificatePem()));

    /// <summary>A kubeconfig for the open cluster (its CA trusted) whose user entry is <paramref name="user"/>.</summary>
    private string WithUser(string user, string contextUser = "    user: someone\n") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: open
          cluster:
            server: {_open.Url.ToString().TrimEnd('/')}
            certificate-authority-data: {Ca}
        users:
        - name: someone
        {user}
        contexts:
        - name: open
          context:
            cluster: open
        {contextUser}current-context: open
        """;

    [Theory]
    [InlineData("  user: {}")]
    [InlineData("  user:")]
    [InlineData("")]
    public async Task A_user_without_credentials_connects_and_sends_no_Authorization_header(string user)
    {
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(FromKubeconfig(WithUser(user))));
        Assert.Equal([""], _open.AuthorizationHeaders);
    }

    [Fact]
    public async Task A_context_without_a_user_connects_without_credentials()
    {
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(FromKubeconfig(WithUser("  user: {}", contextUser: ""))));
        Assert.Equal([""], _open.AuthorizationHeaders);
    }

    [Fact]
    public async Task The_simulators_own_kubeconfig_without_credentials_connects()
    {
        using var client = new KubeClient(FromKubeconfig(_open.KubeconfigWithoutCredentials()));
        Assert.True((await client.CheckHealthAsync(CancellationToken.None)).IsHealthy);
        Assert.Equal([""], _open.AuthorizationHeaders);
    }

    [Theory]
    [InlineData("  user:\n    username: alice\n    password: secret", "alice:secret")]
    [InlineData("  user:\n    username: alice", "alice:")]
    public async Task Basic_auth_is_sent_as_client_go_sends_it(string user, string expected)
    {
        await VersionThroughAsync(FromKubeconfig(WithUser(user)));
        Assert.Equal(["Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expected))], _open.AuthorizationHeaders);
    }

    [Fact]
    public async Task A_plain_http_server_works_with_a_kubeconfig_and_with_an_apiserver_url()
    {
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(FromKubeconfig(_plain.KubeconfigWithoutCredentials())));
        Assert.StartsWith("http://", _plain.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(KubeConnection.Create(new KubeCredentials { Server = _plain.Url.ToString() })));
        Assert.Equal([""], _plain.AuthorizationHeaders);
    }

    [Fact]
    public async Task A_token_over_plain_http_is_sent()
    {
        await using var guarded = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            Name = "guarded", Deployments = 1, PlainHttp = true, RequiredToken = "http-token",
        });
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(FromKubeconfig(guarded.Kubeconfig())));
        Assert.Equal(["Bearer http-token"], guarded.AuthorizationHeaders);
    }

    [Fact]
    public async Task An_apiserver_without_token_or_certificate_connects_without_credentials()
    {
        var connection = KubeConnection.Create(new KubeCredentials
        {
            Server = _open.Url.ToString(), CaData = Encoding.UTF8.GetBytes(_open.Certificate.ExportCertificatePem()),
        });
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(connection));
        Assert.Equal([""], _open.AuthorizationHeaders);
    }

    [Fact]
    public async Task A_tokenFile_relative_to_the_kubeconfig_is_read()
    {
        await using var guarded = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { Name = "guarded", Deployments = 1, RequiredToken = "file-token" });
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "token"), "file-token\n");
        var kubeconfig = Path.Combine(_dir.FullName, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, guarded.Kubeconfig().Replace("    token: file-token", "    tokenFile: token", StringComparison.Ordinal));
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(KubeConnection.FromKubeconfigFile(kubeconfig)));
        Assert.Equal(["Bearer file-token"], guarded.AuthorizationHeaders);
    }

    [Fact]
    public async Task A_certificate_authority_file_relative_to_the_kubeconfig_and_a_bundle_are_trusted()
    {
        await using var other = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { Name = "other", Deployments = 1 });
        // The other cluster's certificate first: every certificate of the bundle counts, not only the first.
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "ca.crt"),
            other.Certificate.ExportCertificatePem() + "\n" + _open.Certificate.ExportCertificatePem());
        var kubeconfig = Path.Combine(_dir.FullName, "bundle-kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, WithUser("  user: {}").Replace($"certificate-authority-data: {Ca}", "certificate-authority: ca.crt", StringComparison.Ordinal));
        Assert.Equal("v1.32.0-simulated", await VersionThroughAsync(KubeConnection.FromKubeconfigFile(kubeconfig)));

        var untrusting = WithUser("  user: {}").Replace(Ca, Convert.ToBase64String(Encoding.UTF8.GetBytes(other.Certificate.ExportCertificatePem())), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => VersionThroughAsync(FromKubeconfig(untrusting)));
    }

    public static TheoryData<string, string> BrokenKubeconfigs => new()
    {
        { "apiVersion: v1\nkind: Config\nclusters: []\n", "the kubeconfig has no current-context" },
        { "current-context: gone\ncontexts: []\n", "context \"gone\" is not in the kubeconfig's contexts" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1'}\n",
            "context \"c\" names user \"u\", which is not in the kubeconfig's users" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: missing}\n", "context \"c\" names cluster \"missing\", which is not in the kubeconfig's clusters" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {user: u}\n", "context \"c\" names no cluster" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x}\nclusters:\n- name: x\n  cluster: {certificate-authority-data: abc}\n", "cluster \"x\" has no server" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x}\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1', certificate-authority-data: 'not base64!'}\n",
            "cluster \"x\": certificate-authority-data is not base64" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x}\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1', certificate-authority-data: aGVsbG8=}\n",
            "cluster \"x\": certificate-authority-data holds no PEM certificate" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x}\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1', certificate-authority: /no/such/ca.crt}\n",
            "cluster \"x\": certificate-authority \"/no/such/ca.crt\" cannot be read" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: u\n  user: {client-certificate-data: abc}\n",
            "user \"u\" has a client certificate but no client-key-data or client-key" },
        { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: u\n  user: {tokenFile: /no/such/token}\n",
            "user \"u\": tokenFile \"/no/such/token\" cannot be read" },
        { "clusters: 12\n", "the kubeconfig is not valid" },
    };

    [Theory]
    [MemberData(nameof(BrokenKubeconfigs))]
    public void A_broken_kubeconfig_fails_naming_the_problem(string kubeconfig, string expected)
    {
        var e = Assert.Throws<KubeConfigException>(() => FromKubeconfig(kubeconfig));
        Assert.StartsWith($"invalid cluster config: {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_kubeconfig_file_fails_and_the_message_leaves_naming_it_to_the_caller()
    {
        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigFile(Path.Combine(_dir.FullName, "missing")));
        Assert.StartsWith("cannot be read: ", e.Message, StringComparison.Ordinal);
        var file = Path.Combine(_dir.FullName, "no-user");
        File.WriteAllText(file, WithUser("  user: {}").Replace("user: someone\ncurrent", "user: nobody\ncurrent", StringComparison.Ordinal));
        Assert.Equal("context \"open\" names user \"nobody\", which is not in the kubeconfig's users",
            Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigFile(file)).Message);
    }
}
