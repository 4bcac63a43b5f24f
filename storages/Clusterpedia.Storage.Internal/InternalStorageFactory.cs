using System.Collections.Concurrent;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Internal.Config;
using Clusterpedia.Storage.Internal.Logging;
using Clusterpedia.Storage.Internal.Sql;
using MySqlConnector;
using Npgsql;

namespace Clusterpedia.Storage.Internal;

/// <summary>
/// The <c>internal</c> storage layer: upstream Clusterpedia's <c>resources</c> table on PostgreSQL or MySQL/MariaDB
/// (config key <c>type</c>). An existing upstream database is used as it is; missing tables and indexes are created.
/// Its feature gates <c>AllowRawSQLQuery</c> and <c>AllowParameterizedSQLQuery</c> (alpha, off) let lists take the
/// client's own SQL condition (<see cref="WhereSql"/>).
/// </summary>
[StorageLayer("internal", FeatureGates = new[] { WhereSqlGates.RawGate, WhereSqlGates.ParameterizedGate })]
public sealed class InternalStorageFactory : IStorageFactory
{
    private readonly SqlDialect _dialect;
    private readonly WhereSqlGates _gates;
    private readonly ConcurrentDictionary<ResourceStorageConfig, InternalResourceStorage> _storages = new();
    private int _disposed;

    private InternalStorageFactory(SqlDialect dialect, WhereSqlGates gates)
    {
        _dialect = dialect;
        _gates = gates;
    }

    /// <summary>
    /// Reads the config, connects, creates the schema when missing, and repairs stored objects without apiVersion or
    /// kind once per database; what the repair did goes to standard error.
    /// </summary>
    /// <exception cref="StorageConfigException">A missing, unknown or malformed config key (the message names it and the file), or an unwritable SQL log file.</exception>
    /// <exception cref="StorageException">The database cannot be reached (Recoverable) or refused the schema (Fatal).</exception>
    public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken) =>
        CreateAsync(options, Console.Error, cancellationToken);

    /// <summary><see cref="CreateAsync(StorageLayerOptions, CancellationToken)"/>, reporting start-up repairs to <paramref name="report"/>.</summary>
    internal static async ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, TextWriter report, CancellationToken cancellationToken)
    {
        var settings = ConfigLoader.Load(options);
        var log = SqlLog.Create(settings.Log, settings.Source);
        SqlDialect dialect = settings.Type == DatabaseType.Postgres
            ? new PostgresDialect(NpgsqlDataSource.Create(settings.ConnectionString), settings) { Log = log }
            : new MySqlDialect(new MySqlDataSource(settings.ConnectionString), settings) { Log = log };
        try
        {
            await dialect.EnsureSchemaAsync(report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested) throw;
            throw dialect.Classify(e, $"prepare the {dialect.Engine} database ({settings.Source})");
        }
        return new InternalStorageFactory(dialect, WhereSqlGates.From(options));
    }

    internal SqlDialect Dialect => _dialect;

    public StorageVerbs SupportedVerbs => StorageVerbs.Get | StorageVerbs.List;

    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => BuiltInCollectionResources.All;

    public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        var q = new SqlText(_dialect);
        q.Append($"DELETE FROM {SqlDialect.Table} WHERE cluster = {q.Param(cluster)}");
        await ExecuteAsync(q, $"clean cluster {cluster}", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken)
    {
        var q = new SqlText(_dialect);
        q.Append($"DELETE FROM {SqlDialect.Table} WHERE cluster = {q.Param(cluster)} AND {_dialect.Group} = {q.Param(resource.Group)}")
            .Append($" AND version = {q.Param(resource.Version)} AND resource = {q.Param(resource.Resource)}");
        await ExecuteAsync(q, $"clean {resource} of cluster {cluster}", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(
        string cluster, CancellationToken cancellationToken)
    {
        var q = new SqlText(_dialect);
        q.Append($"SELECT {_dialect.Group}, version, resource, namespace, name, resource_version, event_resource_versions FROM {SqlDialect.Table} WHERE cluster = {q.Param(cluster)}");
        var result = new Dictionary<GroupVersionResource, (Dictionary<string, string> Resources, Dictionary<string, string> Events)>();
        try
        {
            await using var connection = await _dialect.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = q.CreateCommand(connection);
            var trace = SqlTrace.Start(_dialect.Log);
            long rows = 0;
            try
            {
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                var buffer = new byte[1024];
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows++;
                    var gvr = new GroupVersionResource(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    if (!result.TryGetValue(gvr, out var maps))
                        result[gvr] = maps = (new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
                    var key = ClusterResourceVersions.KeyOf(reader.GetString(3), reader.GetString(4));
                    maps.Resources[key] = reader.GetString(5);
                    if (!await reader.IsDBNullAsync(6, cancellationToken).ConfigureAwait(false))
                        ReadStringMap(_dialect.ReadJson(reader, 6, ref buffer).Span, maps.Events);
                }
            }
            catch (Exception e)
            {
                trace.Failed(command, rows, e);
                throw;
            }
            trace.Done(command, rows);
        }
        catch (Exception e) when (InternalResourceStorage.Wrap(e, cancellationToken))
        {
            throw _dialect.Classify(e, $"read resource versions of cluster {cluster}");
        }
        return result.ToDictionary(kv => kv.Key, kv => new ClusterResourceVersions(kv.Value.Resources, kv.Value.Events));
    }

    /// <summary>
    /// Reads <c>event_resource_versions</c>. Upstream writes each value as <c>CAST('&lt;rv&gt;' AS JSON)</c> (a JSON number);
    /// we write strings, which upstream's reader also takes. Both read as the resourceVersion's text.
    /// </summary>
    private static void ReadStringMap(ReadOnlySpan<byte> json, Dictionary<string, string> into)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) into[key] = reader.GetString()!;
            else if (reader.TokenType == JsonTokenType.Number) into[key] = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            else reader.Skip();
        }
    }

    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) =>
        _storages.GetOrAdd(config, static (c, self) => new InternalResourceStorage(self._dialect, c, self._gates), this);

    public ICollectionResourceStorage GetCollectionResourceStorage(string name) =>
        BuiltInCollectionResources.Find(name) is { } definition
            ? new InternalCollectionResourceStorage(_dialect, definition, _gates)
            : throw StorageException.NotFound($"collection resource \"{name}\" is not supported by the internal storage");

    public ValueTask ShutdownAsync(CancellationToken cancellationToken) => DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) await _dialect.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ExecuteAsync(SqlText q, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dialect.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = q.CreateCommand(connection);
            await command.ExecuteNonQueryLoggedAsync(_dialect.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (InternalResourceStorage.Wrap(e, cancellationToken))
        {
            throw _dialect.Classify(e, what);
        }
    }
}
