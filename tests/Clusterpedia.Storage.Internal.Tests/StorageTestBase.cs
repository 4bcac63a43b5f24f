using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Each test gets a fresh database on the shared server and an internal storage created on it.</summary>
public abstract class StorageTestBase(IDatabaseServer server) : IAsyncLifetime
{
    protected IDatabaseServer Server { get; } = server;
    protected string Database { get; } = server.CreateDatabase();
    protected IStorageFactory Factory { get; private set; } = null!;

    protected bool IsPostgres => Server.Type == "postgres";

    public virtual async Task InitializeAsync() => Factory = await CreateFactory();

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    protected async Task<IStorageFactory> CreateFactory(string extraConfig = "") =>
        await InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", Server.WriteConfig(Database, extraConfig), _ => null), default);

    protected IResourceStorage Pods => Factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true));
    protected IResourceStorage Deployments => Factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Deployments, "Deployment", true));
    protected IResourceStorage ReplicaSets => Factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.ReplicaSets, "ReplicaSet", true));

    /// <summary>Lists with a URL query (<c>key=value</c> pairs, values escaped here).</summary>
    protected async Task<CollectingSink> List(IResourceStorage storage, params (string Key, string Value)[] query)
    {
        var sink = new CollectingSink();
        await storage.ListAsync(Parse(query), sink, default);
        Assert.NotNull(sink.Result);
        return sink;
    }

    protected static ListOptions Parse(params (string Key, string Value)[] query) =>
        ListOptionsParser.Parse(string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")));

    protected static Task Upsert(IResourceStorage storage, string cluster, params ResourceObject[] objects) =>
        storage.UpsertManyAsync(cluster, objects, default).AsTask();

    protected object? Scalar(string sql) => Server.Scalar(Database, sql);

    protected string Quote(string column) => IsPostgres ? $"\"{column}\"" : $"`{column}`";
}
