using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Host;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Tests.Sync;

namespace Clusterpedia.Synchro.Tests.Host;

/// <summary>spec.authenticationFrom (gate ClusterAuthenticationFromSecret): credentials from Secrets in the host cluster.</summary>
public sealed class AuthenticationFromSecretTests : IAsyncLifetime
{
    private const string Namespace = "clusterpedia-system";
    private static readonly ApiResourcePath Secrets = new("", "v1", "secrets") { Namespace = Namespace };
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static PediaCluster FromSecret(ClusterSimulator.ClusterSimulator member)
    {
        var cluster = SyncHarness.PediaClusterFor(member);
        cluster.Spec.TokenData = null;
        cluster.Spec.AuthenticationFrom = new AuthenticationFrom
        {
            Token = new SecretKeySelector { Name = "member-creds", Key = "token" },
            Ca = new SecretKeySelector { Name = "member-creds", Key = "ca.crt" },
        };
        return cluster;
    }

    private static JsonObject Secret(Dictionary<string, string> data) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = "member-creds" },
        ["data"] = new JsonObject(data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Convert.ToBase64String(Encoding.UTF8.GetBytes(kv.Value))))),
    };

    private static Condition? ConditionOf(ClusterSynchroManager manager, string name, string type) =>
        manager.Get(name)?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static async Task<Condition?> WaitConditionAsync(ClusterSynchroManager manager, string name, string type, Func<Condition, bool> done) =>
        await Eventually.ValueAsync(() => Task.FromResult(ConditionOf(manager, name, type)), c => c != null && done(c), SyncHarness.Deadline);

    [Fact]
    public async Task CredentialsComeFromASecretAndFollowItsChanges()
    {
        var host = await _harness.AddClusterAsync("auth-host", seed: 51, deployments: 1);
        var member = await _harness.AddClusterAsync("auth-member", seed: 53);
        using var hostClient = new KubeClient(KubeConnection.Create(new KubeCredentials
        {
            Server = host.Url.ToString(), Token = Encoding.UTF8.GetBytes(host.Options.RequiredToken!),
        }));
        var token = member.Options.RequiredToken!;
        var ca = member.Certificate.ExportCertificatePem();
        await hostClient.CreateObjectAsync(HostPediaClusterSource.PediaClusters.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(FromSecret(member), SynchroJsonContext.Default.PediaCluster), CancellationToken.None);

        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions() with { ClusterAuthenticationFromSecret = true });
        await using var source = new HostPediaClusterSource(hostClient, manager, statusDelay: TimeSpan.FromMilliseconds(100), secretNamespace: Namespace);
        source.Start();
        var name = member.Options.Name;

        // No Secret yet: the message names it.
        var validated = await WaitConditionAsync(manager, name, ConditionTypes.Validated, c => c.Message.Contains("not found", StringComparison.Ordinal));
        Assert.Equal((ConditionStatus.False, ConditionReasons.InvalidConfig), (validated!.Status, validated.Reason));
        Assert.Contains($"secret {Namespace}/member-creds not found", validated.Message, StringComparison.Ordinal);
        Assert.StartsWith("invalid cluster config: ", validated.Message, StringComparison.Ordinal);

        // The Secret appears without the CA key: re-reconciled, and the message names the key.
        await hostClient.CreateObjectAsync(Secrets.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(Secret(new() { ["token"] = token })), CancellationToken.None);
        validated = await WaitConditionAsync(manager, name, ConditionTypes.Validated, c => c.Message.Contains("no key", StringComparison.Ordinal));
        Assert.Equal(ConditionReasons.InvalidConfig, validated!.Reason);
        Assert.Contains($"secret {Namespace}/member-creds has no key 'ca.crt'", validated.Message, StringComparison.Ordinal);

        Condition? running;
        // Complete: the member is synced (with the CA verifying its certificate).
        var item = Secrets.ItemPath(Namespace, "member-creds");
        await hostClient.PutObjectAsync(item, JsonSerializer.SerializeToUtf8Bytes(Secret(new() { ["token"] = token, ["ca.crt"] = ca })), CancellationToken.None);
        validated = await WaitConditionAsync(manager, name, ConditionTypes.Validated, c => c.Status == ConditionStatus.True);
        Assert.True(validated!.Status == ConditionStatus.True, validated.Message);
        running = await WaitConditionAsync(manager, name, ConditionTypes.SynchroRunning, c => c.Status == ConditionStatus.True);
        Assert.True(running!.Status == ConditionStatus.True, running.Message);
        await _harness.WaitConvergedAsync(member);

        // A wrong token in the Secret rebuilds the synchro, which the member then refuses.
        await hostClient.PutObjectAsync(item, JsonSerializer.SerializeToUtf8Bytes(Secret(new() { ["token"] = "wrong", ["ca.crt"] = ca })), CancellationToken.None);
        running = await WaitConditionAsync(manager, name, ConditionTypes.SynchroRunning, c => c.Reason == ConditionReasons.InitialFailed);
        Assert.Equal(ConditionStatus.False, running!.Status);
        Assert.Null(manager.GetSynchro(name));

        // Back to the right token: running again.
        await hostClient.PutObjectAsync(item, JsonSerializer.SerializeToUtf8Bytes(Secret(new() { ["token"] = token, ["ca.crt"] = ca })), CancellationToken.None);
        running = await WaitConditionAsync(manager, name, ConditionTypes.SynchroRunning, c => c.Status == ConditionStatus.True);
        Assert.Equal(ConditionReasons.Running, running!.Reason);
        await _harness.WaitConvergedAsync(member);
    }

    [Fact]
    public async Task WithTheGateOffAuthenticationFromIsAnInvalidConfigNamingTheGate()
    {
        var member = await _harness.AddClusterAsync("auth-off", seed: 55, deployments: 1);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(FromSecret(member), CancellationToken.None);
        var validated = ConditionOf(manager, "auth-off", ConditionTypes.Validated)!;
        Assert.Equal((ConditionStatus.False, ConditionReasons.InvalidConfig), (validated.Status, validated.Reason));
        Assert.Contains("feature gate ClusterAuthenticationFromSecret, which is off", validated.Message, StringComparison.Ordinal);
        Assert.Null(manager.GetSynchro("auth-off"));

        // Inline credentials win over authenticationFrom, gate or not.
        var inline = FromSecret(member);
        inline.Spec.TokenData = Encoding.UTF8.GetBytes(member.Options.RequiredToken!);
        await manager.ApplyAsync(inline, CancellationToken.None);
        Assert.Equal(ConditionStatus.True, ConditionOf(manager, "auth-off", ConditionTypes.Validated)!.Status);
    }

    [Fact]
    public async Task WithoutAHostClusterAuthenticationFromIsAnInvalidConfig()
    {
        var member = await _harness.AddClusterAsync("auth-local", seed: 57, deployments: 1);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions() with { ClusterAuthenticationFromSecret = true });
        await manager.ApplyAsync(FromSecret(member), CancellationToken.None);
        var validated = ConditionOf(manager, "auth-local", ConditionTypes.Validated)!;
        Assert.Equal((ConditionStatus.False, ConditionReasons.InvalidConfig), (validated.Status, validated.Reason));
        Assert.Contains("local --pediaclusters mode has none", validated.Message, StringComparison.Ordinal);
    }
}
