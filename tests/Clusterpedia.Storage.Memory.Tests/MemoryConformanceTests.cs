using Clusterpedia.Storage.Conformance;

namespace Clusterpedia.Storage.Memory.Tests;

/// <summary>A fresh memory storage for each conformance test, created as a host would create it.</summary>
internal static class MemoryStorage
{
    public static ValueTask<IStorageFactory> CreateAsync() =>
        MemoryStorageFactory.CreateAsync(new StorageLayerOptions("memory", null), CancellationToken.None);
}

public sealed class MemoryResourceWriteTests : ResourceWriteConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryListFilterTests : ListFilterConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryFieldSelectorTests : FieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryListFieldSelectorTests : ListFieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryOwnerSearchTests : OwnerSearchConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryListOrderTests : ListOrderConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryListPaginationTests : ListPaginationConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

public sealed class MemoryCollectionResourceTests : CollectionResourceConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}

/// <summary>Watch conformance with a small watch cache and fast bookmarks, so expiry and bookmarks are quick to reach.</summary>
public sealed class MemoryWatchTests : WatchConformanceTests
{
    protected override int ChangesToExpire => 40;

    protected override TimeSpan BookmarkWait => TimeSpan.FromSeconds(10);

    protected override ValueTask<IStorageFactory> CreateFactoryAsync() =>
        ValueTask.FromResult<IStorageFactory>(new MemoryStorageFactory(new MemoryStorageOptions
        {
            WatchCacheSize = 32,
            BookmarkInterval = TimeSpan.FromMilliseconds(200),
        }));
}

/// <summary>The same watch conformance with the defaults a host gets.</summary>
public sealed class MemoryDefaultWatchTests : WatchConformanceTests
{
    protected override int ChangesToExpire => 1100;

    protected override TimeSpan BookmarkWait => TimeSpan.FromSeconds(75);

    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => MemoryStorage.CreateAsync();
}
