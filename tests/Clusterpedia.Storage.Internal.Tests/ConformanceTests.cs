using Clusterpedia.Storage.Conformance;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.Storage.Internal.Tests;

// The storage conformance suite on PostgreSQL and MariaDB. List-field selectors ([] and [n]) are not derived: the
// internal storage rejects them (Invalid, as upstream); watch is not derived: the internal storage has no watch.

/// <summary>A fresh, empty database on the shared server for each conformance test, with the storage created on it.</summary>
internal static class InternalStorage
{
    public static ValueTask<IStorageFactory> CreateEmptyAsync(IDatabaseServer server) =>
        InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", server.WriteConfig(server.CreateDatabase()), _ => null), CancellationToken.None);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresResourceWriteTests(PostgresServer server) : ResourceWriteConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresListFilterTests(PostgresServer server) : ListFilterConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresFieldSelectorTests(PostgresServer server) : FieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOwnerSearchTests(PostgresServer server) : OwnerSearchConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresListOrderTests(PostgresServer server) : ListOrderConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresListPaginationTests(PostgresServer server) : ListPaginationConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCollectionResourceTests(PostgresServer server) : CollectionResourceConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbResourceWriteTests(MariaDbServer server) : ResourceWriteConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbListFilterTests(MariaDbServer server) : ListFilterConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbFieldSelectorTests(MariaDbServer server) : FieldSelectorConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbOwnerSearchTests(MariaDbServer server) : OwnerSearchConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbListOrderTests(MariaDbServer server) : ListOrderConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbListPaginationTests(MariaDbServer server) : ListPaginationConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbCollectionResourceTests(MariaDbServer server) : CollectionResourceConformanceTests
{
    protected override ValueTask<IStorageFactory> CreateFactoryAsync() => InternalStorage.CreateEmptyAsync(server);
}
