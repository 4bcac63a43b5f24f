using System.Diagnostics;
using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>The real kubectl over TLS with the credentials users put in kubeconfigs, and the errors it prints.</summary>
public sealed class KubectlSecurityTests : SecurityTestBase
{
    private const string KubectlPath = "/usr/bin/kubectl";

    [Fact]
    public async Task Client_certificate_kubeconfig_is_served()
    {
        var server = await StartAsync(FullOptions());
        var alice = Pki.ClientCa.IssueClient("alice", "developers");
        var (code, stdout, stderr) = await KubectlAsync(server, $"    client-certificate: {alice.CertificatePath}\n    client-key: {alice.KeyPath}", "get", "pods", "-A");
        Assert.True(code == 0, stderr);
        Assert.Contains("web-1", stdout);
        Assert.Contains("web-2", stdout);
        Assert.Contains(Peer.AccessReviews, r => (string?)r["spec"]!["user"] == "alice");
    }

    [Fact]
    public async Task Token_kubeconfig_is_served()
    {
        var server = await StartAsync(FullOptions());
        var (code, stdout, stderr) = await KubectlAsync(server, "    token: alice-token", "get", "pods", "-A", "-o", "name");
        Assert.True(code == 0, stderr);
        Assert.Equal(["pod/web-1", "pod/web-2"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Certificate_of_an_unknown_CA_prints_must_be_logged_in()
    {
        // (A kubeconfig user without any credential makes kubectl prompt for a password instead of asking the server.)
        var server = await StartAsync(FullOptions());
        var stranger = new CertificateAuthority(Pki.Directory, "stranger-ca").IssueClient("mallory");
        var (code, _, stderr) = await KubectlAsync(server, $"    client-certificate: {stranger.CertificatePath}\n    client-key: {stranger.KeyPath}", "get", "pods", "-A");
        Assert.NotEqual(0, code);
        AssertMustLogIn(stderr);
    }

    [Fact]
    public async Task Rejected_token_prints_must_be_logged_in()
    {
        var server = await StartAsync(FullOptions());
        var (code, _, stderr) = await KubectlAsync(server, "    token: forged", "get", "pods", "-A");
        Assert.NotEqual(0, code);
        AssertMustLogIn(stderr);
    }

    [Fact]
    public async Task Denied_user_prints_forbidden()
    {
        var server = await StartAsync(FullOptions());
        var (code, _, stderr) = await KubectlAsync(server, "    token: bob-token", "get", "--raw", "/apis/clusterpedia.io/v1beta1/resources/api/v1/pods");
        Assert.NotEqual(0, code);
        Assert.True(stderr.Contains("Error from server (Forbidden): resources.clusterpedia.io \"api\" is forbidden: User \"bob\" cannot get resource \"resources/v1\" in API group \"clusterpedia.io\" at the cluster scope: bob may not search"), stderr);

        (code, _, stderr) = await KubectlAsync(server, "    token: bob-token", "get", "pods", "-A");
        Assert.NotEqual(0, code);
        // kubectl reads discovery answers raw, so a denied discovery shows client-go's own text, as against kube-apiserver.
        Assert.True(stderr.Contains("Error from server (Forbidden)"), stderr);
    }

    // Discovery requests show client-go's own 401 text; requests it decodes a Status for show the Status message.
    private static void AssertMustLogIn(string stderr) => Assert.True(
        stderr.Contains("error: You must be logged in to the server (the server has asked for the client to provide credentials)")
        || stderr.Contains("error: You must be logged in to the server (Unauthorized)"), stderr);

    [Fact]
    public async Task Raw_get_with_a_rejected_token_prints_the_Status_message()
    {
        var server = await StartAsync(FullOptions());
        var (code, _, stderr) = await KubectlAsync(server, "    token: forged", "get", "--raw", "/apis/clusterpedia.io/v1beta1/resources/api/v1/pods");
        Assert.NotEqual(0, code);
        Assert.True(stderr.Contains("error: You must be logged in to the server (Unauthorized)"), stderr);
    }

    private async Task<(int Code, string Stdout, string Stderr)> KubectlAsync(SecuredServer server, string user, params string[] args)
    {
        Assert.True(File.Exists(KubectlPath), $"kubectl is required at {KubectlPath}");
        var home = Directory.CreateDirectory(Path.Combine(Pki.Directory, $"kubectl-{Guid.NewGuid():N}")).FullName;
        // kubectl get --raw takes a path from the host root, so the server is the root; otherwise the resources URL.
        var url = args.Contains("--raw") ? server.Address.ToString().TrimEnd('/') : server.ResourcesUrl;
        var kubeconfig = Path.Combine(home, "kubeconfig");
        File.WriteAllText(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: clusterpedia
              cluster:
                server: {url}
                certificate-authority: {Pki.ServingCa.CertificatePath}
            contexts:
            - name: clusterpedia
              context:
                cluster: clusterpedia
                user: user
            current-context: clusterpedia
            users:
            - name: user
              user:
            {user}
            """);
        var start = new ProcessStartInfo(KubectlPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(home, "cache") }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
