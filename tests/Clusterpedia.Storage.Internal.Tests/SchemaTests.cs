using System.Globalization;
using Clusterpedia.Storage.Internal.Tests.Servers;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Schema creation, and an existing upstream database used unchanged.</summary>
public abstract class SchemaTests(IDatabaseServer server) : StorageTestBase(server)
{
    private static readonly string[] OurIndexes = ["idx_resources_owner_uid", "idx_resources_cluster_uid", "idx_resources_created_at"];
    private static readonly string[] UpstreamIndexes =
        ["uni_group_version_resource_cluster_namespace_name", "idx_group_version_resource_namespace_name", "idx_group_version_resource_name", "idx_cluster"];

    private bool HasIndex(string name) => Convert.ToInt64(Scalar(IsPostgres
        ? $"SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'resources' AND indexname = '{name}'"
        : $"SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'resources' AND index_name = '{name}'"),
        CultureInfo.InvariantCulture) > 0;

    private string Columns() => Convert.ToString(Scalar(IsPostgres
        ? "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'resources'"
        : "SELECT GROUP_CONCAT(CONCAT(column_name, ':', data_type) ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'resources'"),
        CultureInfo.InvariantCulture)!;

    [Fact]
    public async Task Start_up_creates_upstream_and_additive_indexes_and_is_idempotent()
    {
        foreach (var index in UpstreamIndexes.Concat(OurIndexes)) Assert.True(HasIndex(index), index);
        if (IsPostgres)
        {
            Assert.True(HasIndex("idx_resources_labels"));
            Assert.True(HasIndex("idx_resources_name_trgm"));
            Assert.Equal('l', Convert.ToChar(Scalar("SELECT attcompression FROM pg_attribute WHERE attrelid = 'resources'::regclass AND attname = 'object'"), CultureInfo.InvariantCulture));
        }
        else
        {
            // Keyset pages in (cluster, namespace, name) order, which upstream's prefix-length unique index cannot give.
            Assert.True(HasIndex("idx_resources_cluster_namespace_name"));
        }
        var columns = Columns();
        await Upsert(Pods, "c1", Pod("c1", "default", "a"));
        await using (var again = await CreateFactory())
            Assert.Equal(["a"], (await List(again.GetResourceStorage(Pods.Config))).Names);
        Assert.Equal(columns, Columns());
    }

    [Fact]
    public async Task An_upstream_database_works_unchanged()
    {
        var database = Server.CreateDatabase();
        if (IsPostgres) Server.Execute(database, UpstreamSchema.Postgres);
        else Server.Execute(database, UpstreamSchema.MySql);
        const string rsUid = "aaaaaaaa-0000-0000-0000-000000000001";
        Server.Execute(database, UpstreamSchema.InsertPod(IsPostgres, "up", "default", "api-1", "bbbbbbbb-0000-0000-0000-000000000001", rsUid, "100", "api"));
        Server.Execute(database, UpstreamSchema.InsertPod(IsPostgres, "up", "default", "api-2", "bbbbbbbb-0000-0000-0000-000000000002", rsUid, "101", "api"));
        Server.Execute(database, UpstreamSchema.InsertPod(IsPostgres, "up", "kube-system", "dns", "bbbbbbbb-0000-0000-0000-000000000003", "", "7", "dns"));
        string ColumnsOf() => Convert.ToString(Server.Scalar(database, IsPostgres
            ? "SELECT string_agg(column_name || ':' || data_type || ':' || is_nullable, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'resources'"
            : "SELECT GROUP_CONCAT(CONCAT(column_name, ':', column_type, ':', is_nullable) ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'resources'"),
            CultureInfo.InvariantCulture)!;
        var before = ColumnsOf();

        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(database), _ => null), default);
        Assert.Equal(before, ColumnsOf());
        if (IsPostgres)
            Assert.NotEqual("l", Convert.ToString(Server.Scalar(database, "SELECT attcompression FROM pg_attribute WHERE attrelid = 'resources'::regclass AND attname = 'object'"), CultureInfo.InvariantCulture));

        var pods = factory.GetResourceStorage(Pods.Config);
        var got = await pods.GetAsync("up", "default", "api-1", default);
        Assert.Equal("100", got.Metadata.ResourceVersion);
        Assert.Equal("up", got.Metadata.Cluster);
        Assert.Equal(["api-1", "api-2"], (await List(pods, ("labelSelector", "app=api"))).Names);
        Assert.Equal(["api-1", "api-2"], (await List(pods, ("clusters", "up"), ("ownerUID", rsUid))).Names);
        Assert.Equal(["dns", "api-1", "api-2"], (await List(pods, ("orderby", "resource_version"))).Names);
        Assert.Equal(["api-1"], (await List(pods, ("fieldSelector", "status.phase=Running"), ("limit", "1"))).Names);
        Assert.Equal("101", (await factory.GetResourceVersionsAsync("up", default))[Pods.Config.Resource].Resources["default/api-2"]);

        // Our writes land on upstream's key: the upsert replaces upstream's row.
        await pods.UpsertAsync("up", Pod("up", "default", "api-1", Labels("app=api"), resourceVersion: "200"), default);
        Assert.Equal(3L, Convert.ToInt64(Server.Scalar(database, "SELECT COUNT(*) FROM resources"), CultureInfo.InvariantCulture));
        Assert.Equal("200", Server.Scalar(database, "SELECT resource_version FROM resources WHERE name = 'api-1'"));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresServer server) : SchemaTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSchemaTests(MariaDbServer server) : SchemaTests(server);
