using Clusterpedia.Storage.Conformance;

namespace Clusterpedia.Storage.Sample.Tests;

// The whole conformance suite; each test gets its own SQLite file. Not WatchConformanceTests: sample-storage does not watch.

public sealed class SampleResourceWriteTests : ResourceWriteConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleListFilterTests : ListFilterConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleFieldSelectorTests : FieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleListFieldSelectorTests : ListFieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleOwnerSearchTests : OwnerSearchConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleListOrderTests : ListOrderConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleListPaginationTests : ListPaginationConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}

public sealed class SampleCollectionResourceTests : CollectionResourceConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => TestDatabases.CreateEmptyAsync();
}
