using Clusterpedia.Storage;
using Clusterpedia.Storage.Conformance;

namespace Example.Storage.Tests;

// Clusterpedia's storage conformance suite. Each test gets a new, empty storage from CreateAsync; a layer on a shared
// database server gives each one its own database or schema. Add WatchConformanceTests once you implement watch.

internal static class NewStorage
{
    public static ValueTask<IStorageFactory> CreateAsync() =>
        StorageLayerFactory.CreateAsync(new StorageLayerOptions("example-storage", configPath: null), CancellationToken.None);
}

public sealed class ResourceWriteTests : ResourceWriteConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

public sealed class ListFilterTests : ListFilterConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

public sealed class FieldSelectorTests : FieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

/// <summary>Field selectors through lists (<c>[]</c>, <c>[n]</c>); remove this class if your layer answers them with Invalid.</summary>
public sealed class ListFieldSelectorTests : ListFieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

public sealed class OwnerSearchTests : OwnerSearchConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

public sealed class ListOrderTests : ListOrderConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

public sealed class ListPaginationTests : ListPaginationConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}

public sealed class CollectionResourceTests : CollectionResourceConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => NewStorage.CreateAsync();
}
