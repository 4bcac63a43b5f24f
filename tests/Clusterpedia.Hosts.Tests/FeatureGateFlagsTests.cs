using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;
using Clusterpedia.Hosting.Storage;
using Clusterpedia.Storage;

namespace Clusterpedia.Hosts.Tests;

/// <summary>
/// <c>--feature-gates</c>: the synchro's gates and the selected storage layer's gates share the flag; each executable
/// accepts only the gates that mean something to it, and the layer receives its own in <see cref="StorageLayerOptions"/>.
/// </summary>
public sealed class FeatureGateFlagsTests
{
    /// <summary>Two layers with gates and one without; it records the options a layer is created with.</summary>
    private sealed class GatedRegistry : IStorageLayerRegistry
    {
        private readonly Dictionary<string, string[]> _gates = new(StringComparer.Ordinal)
        {
            ["internal"] = ["AllowParameterizedSQLQuery", "AllowRawSQLQuery"],
            ["memory"] = [],
            ["search"] = ["FastPath"],
        };

        public StorageLayerOptions? Created { get; private set; }

        public IReadOnlyList<string> Names => _gates.Keys.Order(StringComparer.Ordinal).ToList();

        public IReadOnlyList<string> FeatureGatesOf(string name) => _gates.TryGetValue(name, out var gates) ? gates : [];

        public ValueTask<IStorageFactory>? TryCreate(string name, StorageLayerOptions options, CancellationToken cancellationToken)
        {
            Created = options;
            return ValueTask.FromException<IStorageFactory>(new InvalidOperationException("not a real layer"));
        }
    }

    private static HostOptions Options(HostComponent component, GatedRegistry registry, params string[] args)
    {
        var defaults = component == HostComponent.ApiServer ? HostDefaults.ApiServer
            : component == HostComponent.BindingApiServer ? HostDefaults.BindingApiServer : HostDefaults.ClusterSynchroManager;
        return HostFlags.ToOptions(HostFlags.Create(component, defaults, registry).Parse(args), registry);
    }

    private static string Error(HostComponent component, params string[] args) =>
        Assert.Throws<HostConfigurationException>(() => Options(component, new GatedRegistry(), args)).Message;

    [Fact]
    public void Apiserver_hands_the_selected_layers_gates_to_the_layer()
    {
        var registry = new GatedRegistry();

        var options = Options(HostComponent.ApiServer, registry, "--storage-name=internal", "--feature-gates=AllowRawSQLQuery=true, AllowParameterizedSQLQuery=False");

        Assert.Equal(new Dictionary<string, bool> { ["AllowRawSQLQuery"] = true, ["AllowParameterizedSQLQuery"] = false }, options.Storage.FeatureGates);
    }

    [Fact]
    public async Task The_storage_layer_receives_the_gates_when_it_is_created()
    {
        var registry = new GatedRegistry();
        var options = Options(HostComponent.ApiServer, registry, "--feature-gates", "AllowParameterizedSQLQuery=true");

        await Assert.ThrowsAsync<HostConfigurationException>(async () => await StorageLayerSelection.CreateAsync(options.Storage, registry, CancellationToken.None));

        Assert.Equal("internal", registry.Created!.Name);
        Assert.True(registry.Created.IsEnabled("AllowParameterizedSQLQuery"));
        Assert.False(registry.Created.IsEnabled("AllowRawSQLQuery"));
    }

    [Fact]
    public void Binding_apiserver_splits_synchro_and_storage_gates()
    {
        var options = Options(HostComponent.BindingApiServer, new GatedRegistry(),
            "--storage-name=search", "--feature-gates=PruneManagedFields=false,FastPath=true,AllowSyncAllResources=true");

        Assert.Equal(new Dictionary<string, bool> { ["FastPath"] = true }, options.Storage.FeatureGates);
        var synchro = options.Synchro!.Manager.Synchro;
        Assert.False(synchro.Resource.Prune.ManagedFields);
        Assert.True(synchro.Resource.Prune.LastAppliedConfiguration);
        Assert.True(synchro.Gates.AllowSyncAllResources);
    }

    [Fact]
    public void Without_the_flag_no_gate_is_given()
    {
        var options = Options(HostComponent.BindingApiServer, new GatedRegistry(), "--storage-name=internal");

        Assert.Empty(options.Storage.FeatureGates);
        Assert.True(options.Synchro!.Manager.Synchro.Resource.Prune.ManagedFields);
    }

    [Fact]
    public void A_gate_of_another_storage_layer_names_its_layer_the_selected_one_and_the_known_gates()
    {
        var message = Error(HostComponent.ApiServer, "--storage-name=search", "--feature-gates=AllowRawSQLQuery=true");

        Assert.Equal("--feature-gates: feature gate AllowRawSQLQuery belongs to storage layer \"internal\", but --storage-name is \"search\" (known: AllowProxyRequestToClusters, FastPath, NotConvertToMemoryVersion, RemainingItemCount)",
            message);
    }

    [Fact]
    public void An_unknown_gate_is_named_with_every_known_gate()
    {
        var message = Error(HostComponent.BindingApiServer, "--storage-name=internal", "--feature-gates=AllowRawSQL=true");

        Assert.StartsWith("--feature-gates: unrecognized feature gate: AllowRawSQL (known: AllowParameterizedSQLQuery, AllowProxyRequestToClusters, AllowRawSQLQuery, AllowSyncAllCustomResources,", message);
        Assert.Contains("PruneManagedFields", message);
    }

    [Fact]
    public void The_split_apiserver_does_not_take_synchro_gates()
    {
        var message = Error(HostComponent.ApiServer, "--feature-gates=PruneManagedFields=false");

        Assert.Equal("--feature-gates: unrecognized feature gate: PruneManagedFields (known: AllowParameterizedSQLQuery, AllowProxyRequestToClusters, AllowRawSQLQuery, NotConvertToMemoryVersion, RemainingItemCount)", message);
    }

    [Fact]
    public void The_manager_does_not_take_storage_gates_it_never_reads()
    {
        var message = Error(HostComponent.ClusterSynchroManager, "--storage-name=internal", "--feature-gates=AllowRawSQLQuery=true");

        Assert.StartsWith("--feature-gates: feature gate AllowRawSQLQuery of storage layer \"internal\" applies to the API (apiserver, binding-apiserver), not to this executable (known: ", message);
        Assert.DoesNotContain("known: AllowRawSQLQuery", message);
    }

    [Theory]
    [InlineData("AllowRawSQLQuery=yes", "--feature-gates: invalid value of AllowRawSQLQuery: 'yes', expected true or false")]
    [InlineData("AllowRawSQLQuery=", "--feature-gates: invalid value of AllowRawSQLQuery: '', expected true or false")]
    [InlineData("AllowRawSQLQuery", "--feature-gates: 'AllowRawSQLQuery' is not Gate=true|false")]
    [InlineData("=true", "--feature-gates: '=true' is not Gate=true|false")]
    public void A_malformed_pair_or_value_is_named(string gates, string expected) =>
        Assert.Equal(expected, Error(HostComponent.ApiServer, "--feature-gates=" + gates));

    [Fact]
    public void A_layer_that_is_not_compiled_in_is_left_to_the_storage_selection_error()
    {
        var options = Options(HostComponent.ApiServer, new GatedRegistry(), "--storage-name=elasticsearch", "--feature-gates=AllowRawSQLQuery=true");

        Assert.Empty(options.Storage.FeatureGates);
        var error = Assert.Throws<HostConfigurationException>(() => StorageLayerSelection.Validate(HostComponent.ApiServer, options.Storage, new GatedRegistry()));
        Assert.Contains("storage layer \"elasticsearch\" is not compiled into this apiserver binary", error.Message);
    }

    [Fact]
    public void Help_lists_each_gate_on_its_own_line_with_its_owner()
    {
        var usage = HostFlags.Create(HostComponent.BindingApiServer, HostDefaults.BindingApiServer, new GatedRegistry()).Usage();
        var lines = usage.Split('\n');

        var first = Assert.Single(lines, l => l.Contains("--feature-gates mapStringBool", StringComparison.Ordinal));
        var column = first.IndexOf("comma-separated", StringComparison.Ordinal);
        var raw = Assert.Single(lines, l => l.Contains("AllowRawSQLQuery=true|false", StringComparison.Ordinal));
        Assert.Equal("AllowRawSQLQuery=true|false (storage layer internal, when selected; default false)", raw.Trim());
        Assert.Equal(column, raw.Length - raw.TrimStart().Length);
        Assert.Contains(lines, l => l.Trim() == "FastPath=true|false (storage layer search, when selected; default false)");
        Assert.Contains(lines, l => l.Trim() == "PruneManagedFields=true|false (cluster synchro)");
    }

    [Fact]
    public void The_manager_help_lists_only_synchro_gates()
    {
        var usage = HostFlags.Create(HostComponent.ClusterSynchroManager, HostDefaults.ClusterSynchroManager, new GatedRegistry()).Usage();

        Assert.Contains("PruneManagedFields=true|false (cluster synchro)", usage);
        Assert.DoesNotContain("AllowRawSQLQuery", usage);
    }

    [Fact]
    public void Api_servers_take_upstreams_api_gates()
    {
        var options = Options(HostComponent.ApiServer, new GatedRegistry(), "--storage-name=internal",
            "--feature-gates=RemainingItemCount=true,NotConvertToMemoryVersion=true,AllowProxyRequestToClusters=false,AllowRawSQLQuery=true");

        Assert.Equal(new Dictionary<string, bool>
        {
            ["RemainingItemCount"] = true, ["NotConvertToMemoryVersion"] = true, ["AllowProxyRequestToClusters"] = false,
        }, options.ApiFeatureGates);
        Assert.Equal(new Dictionary<string, bool> { ["AllowRawSQLQuery"] = true }, options.Storage.FeatureGates);

        var binding = Options(HostComponent.BindingApiServer, new GatedRegistry(), "--feature-gates=RemainingItemCount=true");
        Assert.True(binding.ApiFeatureGates["RemainingItemCount"]);
    }

    [Fact]
    public void Proxying_to_member_clusters_turned_on_is_refused_by_name()
    {
        var error = Error(HostComponent.ApiServer, "--storage-name=internal", "--feature-gates=AllowProxyRequestToClusters=true");
        Assert.Contains("AllowProxyRequestToClusters=true", error);
        Assert.Contains("not supported by this build", error);
    }

    [Fact]
    public void The_manager_does_not_take_api_gates()
    {
        var error = Error(HostComponent.ClusterSynchroManager, "--feature-gates=RemainingItemCount=true");
        Assert.Contains("unrecognized feature gate: RemainingItemCount", error);
    }

    [Fact]
    public void Help_lists_the_api_gates_for_api_servers_only()
    {
        var registry = new GatedRegistry();
        var apiserver = HostFlags.Create(HostComponent.ApiServer, HostDefaults.ApiServer, registry).Usage();
        Assert.Contains("RemainingItemCount=true|false (API server:", apiserver);
        var manager = HostFlags.Create(HostComponent.ClusterSynchroManager, HostDefaults.ClusterSynchroManager, registry).Usage();
        Assert.DoesNotContain("RemainingItemCount", manager);
    }
}
