using Clusterpedia.Objects;
using Clusterpedia.Storage.Sample.Config;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// The sample storage layer (<c>--storage-name=sample-storage</c>): Clusterpedia's <c>resources</c> table in one SQLite
/// file. It serves get and list with every search option, and the collection resources any, workloads and
/// kuberesources; it does not watch.
/// </summary>
/// <remarks>
/// This is the class a plugin author copies. What makes it a storage layer:
/// <list type="number">
/// <item><c>[StorageLayer("sample-storage")]</c>: the name users pass to <c>--storage-name</c>. Every host that references
/// this project finds the class at build time (a source generator, no reflection) and compiles it into its registry.</item>
/// <item>It implements <see cref="IStorageFactory"/>, the only contract between Clusterpedia and a storage layer.</item>
/// <item><see cref="CreateAsync"/>, with exactly this signature: the host calls it once, at start-up, with the
/// <c>--storage-config</c> path. Validate the config and connect here, so a bad config fails the start with a clear
/// message rather than the first request.</item>
/// </list>
/// </remarks>
[StorageLayer("sample-storage")]
public sealed class SampleStorageFactory : IStorageFactory
{
    private readonly SampleDatabase _database;

    private SampleStorageFactory(SampleDatabase database)
    {
        _database = database;
    }

    /// <summary>Reads the config, opens (or creates) the database file and its schema.</summary>
    /// <exception cref="SampleConfigException">When the config file is missing a key, has an unknown one, or is unreadable.</exception>
    public static async ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)
    {
        var settings = SampleConfigLoader.Load(options);
        return new SampleStorageFactory(await SampleDatabase.OpenAsync(settings, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The file this layer writes to.</summary>
    public string DatabasePath => _database.Settings.DatabasePath;

    /// <summary>No watch: the API server then answers <c>watch=true</c> with 405 and discovery omits the verb.</summary>
    public StorageVerbs SupportedVerbs => StorageVerbs.Get | StorageVerbs.List;

    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => BuiltInCollectionResources.All;

    /// <summary>Nothing to prepare: every cluster shares the one table.</summary>
    public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken) =>
        await ExecuteAsync("clean cluster", "DELETE FROM resources WHERE cluster = @cluster", cluster, null, cancellationToken).ConfigureAwait(false);

    public async ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken) =>
        await ExecuteAsync("clean cluster resource",
            "DELETE FROM resources WHERE cluster = @cluster AND \"group\" = @group AND version = @version AND resource = @resource",
            cluster, resource, cancellationToken).ConfigureAwait(false);

    /// <summary>What is stored for a cluster, so a restarted synchro rewrites only objects that changed.</summary>
    public async ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(
        string cluster, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<GroupVersionResource, Dictionary<string, string>>();
        await using var connection = await _database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"group\", version, resource, namespace, name, resource_version FROM resources WHERE cluster = @cluster";
        command.Parameters.AddWithValue("@cluster", cluster);
        await using var reader = await _database.RunAsync("resource versions", () => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await _database.RunAsync("resource versions", () => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
        {
            var resource = new GroupVersionResource(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (!versions.TryGetValue(resource, out var keys)) versions[resource] = keys = new Dictionary<string, string>(StringComparer.Ordinal);
            keys[ClusterResourceVersions.KeyOf(reader.GetString(3), reader.GetString(4))] = reader.GetString(5);
        }
        var noEvents = new Dictionary<string, string>();
        return versions.ToDictionary(p => p.Key, p => new ClusterResourceVersions(p.Value, noEvents));
    }

    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => new SampleResourceStorage(config, _database);

    public ICollectionResourceStorage GetCollectionResourceStorage(string name)
    {
        var definition = BuiltInCollectionResources.Find(name)
            ?? throw StorageException.NotFound($"collection resource \"{name}\" not found; sample-storage has any, workloads and kuberesources");
        return new SampleCollectionResourceStorage(definition, _database);
    }

    /// <summary>Every write is committed when its call returns; shutting down only closes the pooled connections.</summary>
    public ValueTask ShutdownAsync(CancellationToken cancellationToken) => DisposeAsync();

    public ValueTask DisposeAsync()
    {
        _database.Close();
        return ValueTask.CompletedTask;
    }

    private async Task ExecuteAsync(string what, string sql, string cluster, GroupVersionResource? resource, CancellationToken cancellationToken)
    {
        await using var connection = await _database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@cluster", cluster);
        if (resource is { } r)
        {
            command.Parameters.AddWithValue("@group", r.Group);
            command.Parameters.AddWithValue("@version", r.Version);
            command.Parameters.AddWithValue("@resource", r.Resource);
        }
        await _database.RunAsync(what, () => command.ExecuteNonQueryAsync(cancellationToken)).ConfigureAwait(false);
    }
}
