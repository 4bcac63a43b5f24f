using Clusterpedia.Generators.Model;

namespace Clusterpedia.Generators.Tests;

/// <summary>The emitter alone, from hand-built models.</summary>
public class StorageLayerEmitterTests
{
    [Fact]
    public void TwoLayers_EmitsASwitchCasePerNameAndTheSortedNames()
    {
        var model = new RegistryModel("1.0", new EquatableArray<RegistryEntry>(
        [
            new RegistryEntry("memory", "global::Clusterpedia.Storage.Memory.MemoryStorageFactory"),
            new RegistryEntry("my.storage", "global::Acme.Storage.Outer.NestedFactory"),
        ]));

        var (hintName, source) = StorageLayerEmitter.Emit(model);

        Assert.Equal("StorageLayerRegistry.g.cs", hintName);
        Snapshot.Matches(source, "Emitter_TwoLayers.txt");
    }

    [Fact]
    public void FeatureGates_AreEmittedPerLayer_AndLayersWithoutGatesFallThrough()
    {
        var model = new RegistryModel("1.0", new EquatableArray<RegistryEntry>(
        [
            new RegistryEntry("internal", "global::Clusterpedia.Storage.Internal.InternalStorageFactory",
                new EquatableArray<string>(["AllowParameterizedSQLQuery", "AllowRawSQLQuery"])),
            new RegistryEntry("memory", "global::Clusterpedia.Storage.Memory.MemoryStorageFactory"),
            new RegistryEntry("my.storage", "global::Acme.Storage.Outer.NestedFactory", new EquatableArray<string>(["FastPath"])),
        ]));

        var (_, source) = StorageLayerEmitter.Emit(model);

        Snapshot.Matches(source, "Emitter_FeatureGates.txt");
    }

    [Fact]
    public void NoLayers_EmitsARegistryThatCreatesNothing()
    {
        var (_, source) = StorageLayerEmitter.Emit(new RegistryModel("2.3", EquatableArray<RegistryEntry>.Empty));

        Snapshot.Matches(source, "Emitter_NoLayers.txt");
    }

    [Fact]
    public void EqualModels_AreEqual_SoThePipelineCanCacheThem()
    {
        RegistryModel Build() => new("1.0", new EquatableArray<RegistryEntry>([new RegistryEntry("memory", "global::M")]));

        Assert.Equal(Build(), Build());
        Assert.Equal(Build().GetHashCode(), Build().GetHashCode());
        Assert.NotEqual(Build(), Build() with { ContractVersion = "1.1" });
        Assert.NotEqual(Build(), new("1.0", new EquatableArray<RegistryEntry>([new RegistryEntry("memory", "global::M", new EquatableArray<string>(["Gate"]))])));
    }
}
