using Clusterpedia.Hosting;
using Clusterpedia.Hosting.Storage;
using Clusterpedia.Storage;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The selection rules for every component, without building a binary per case.</summary>
public sealed class StorageLayerSelectionTests
{
    /// <summary>A registry that only knows names; these rules never create a layer.</summary>
    private sealed class NamesOnlyRegistry(params string[] names) : IStorageLayerRegistry
    {
        public IReadOnlyList<string> Names { get; } = names;

        public ValueTask<IStorageFactory>? TryCreate(string name, StorageLayerOptions options, CancellationToken cancellationToken) => null;
    }

    [Theory]
    [InlineData("apiserver")]
    [InlineData("clustersynchro-manager")]
    public void Split_components_refuse_memory_even_when_it_is_compiled_in(string component)
    {
        var error = Assert.Throws<HostConfigurationException>(() => StorageLayerSelection.Validate(
            HostComponent.FromName(component), new StorageOptions("memory", null), new NamesOnlyRegistry("internal", "memory")));

        Assert.StartsWith($"--storage-name=memory cannot be used by {component}", error.Message);
    }

    [Fact]
    public void Binding_apiserver_accepts_memory()
    {
        StorageLayerSelection.Validate(HostComponent.BindingApiServer, new StorageOptions("memory", null), new NamesOnlyRegistry("memory"));
    }

    [Fact]
    public void A_binary_without_layers_says_none_are_compiled_in()
    {
        var error = Assert.Throws<HostConfigurationException>(() => StorageLayerSelection.Validate(
            HostComponent.ApiServer, new StorageOptions("internal", null), new NamesOnlyRegistry()));

        Assert.Contains("(compiled-in storage layers: none)", error.Message);
        Assert.Contains("--storages=internal --components=apiserver", error.Message);
    }

    [Fact]
    public async Task A_registry_that_cannot_create_the_layer_is_reported_not_crashed_on()
    {
        var error = await Assert.ThrowsAsync<HostConfigurationException>(async () =>
            await StorageLayerSelection.CreateAsync(new StorageOptions("memory", null), new NamesOnlyRegistry("memory"), CancellationToken.None));

        Assert.Contains("storage layer \"memory\" is not compiled into this binary", error.Message);
    }

    [Fact]
    public void Unknown_component_names_are_a_programming_error()
    {
        var error = Assert.Throws<ArgumentException>(() => HostComponent.FromName("controller-manager"));

        Assert.Contains("known: apiserver, clustersynchro-manager, binding-apiserver", error.Message);
    }
}
