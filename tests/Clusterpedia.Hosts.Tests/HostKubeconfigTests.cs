using System.Net;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The host cluster's <c>--kubeconfig</c> read by a real host binary at start-up: a user without credentials is accepted, a broken kubeconfig is named.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class HostKubeconfigTests(HostBuilds builds)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private string WriteKubeconfig(string name, string contextUser, string users) =>
        WriteFile(name, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: host
              cluster:
                server: http://127.0.0.1:1
            contexts:
            - name: host
              context:
                cluster: host
                user: {contextUser}
            current-context: host
            users:
            {users}
            """);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(builds.OutputRoot, $"{name}-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_host_kubeconfig_whose_user_has_no_credentials_is_accepted_at_start_up()
    {
        var kubeconfig = WriteKubeconfig("no-credentials", "proxied", "- name: proxied\n  user: {}");
        // No metrics listener: its default port 8081 may be taken on a shared machine.
        await using var running = RunningHost.Start(await builds.GetAsync("binding-apiserver", "memory"), $"--kubeconfig={kubeconfig}", "--metrics-port=0");
        using var client = running.CreateClient(_ => true);

        using var healthz = await running.WaitForHealthzAsync(client);

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.DoesNotContain("does not have appropriate auth credentials", running.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_kubeconfig_naming_a_missing_user_exits_1_naming_the_flag_the_file_and_the_user()
    {
        var kubeconfig = WriteKubeconfig("missing-user", "admin", "- name: someone-else\n  user: {}");
        var result = await ProcessRunner.RunAsync(await builds.GetAsync("binding-apiserver", "memory"), [$"--kubeconfig={kubeconfig}"], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Error: --kubeconfig \"{kubeconfig}\": context \"host\" names user \"admin\", which is not in the kubeconfig's users", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
