using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>One PostgreSQL server, one MariaDB server and one set of host builds for every end-to-end test; the tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PostgresServer>, ICollectionFixture<MariaDbServer>, ICollectionFixture<HostExecutables>
{
    public const string Name = "end to end";
}
