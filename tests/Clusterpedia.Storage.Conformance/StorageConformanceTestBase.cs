using Clusterpedia.Objects;
using Clusterpedia.Query;
using Xunit;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// The base of every conformance test class. xunit makes a new instance for every test, and <see cref="InitializeAsync"/>
/// asks the derived class for a factory, so <b>each test gets its own storage, which must be empty</b>; it is shut down and
/// disposed after the test. A storage backed by a shared server must hand out an isolated, empty database (or schema,
/// or index prefix) from <see cref="CreateFactoryAsync"/>.
/// </summary>
public abstract class StorageConformanceTestBase : IAsyncLifetime
{
    public static readonly ResourceStorageConfig PodsConfig = new(new("", "v1", "pods"), "Pod", true);
    public static readonly ResourceStorageConfig ConfigMapsConfig = new(new("", "v1", "configmaps"), "ConfigMap", true);
    public static readonly ResourceStorageConfig NodesConfig = new(new("", "v1", "nodes"), "Node", false);
    public static readonly ResourceStorageConfig DeploymentsConfig = new(new("apps", "v1", "deployments"), "Deployment", true);
    public static readonly ResourceStorageConfig ReplicaSetsConfig = new(new("apps", "v1", "replicasets"), "ReplicaSet", true);
    public static readonly ResourceStorageConfig StatefulSetsConfig = new(new("apps", "v1", "statefulsets"), "StatefulSet", true);
    public static readonly ResourceStorageConfig DaemonSetsConfig = new(new("apps", "v1", "daemonsets"), "DaemonSet", true);
    public static readonly ResourceStorageConfig CronJobsConfig = new(new("batch", "v1", "cronjobs"), "CronJob", true);
    public static readonly ResourceStorageConfig WidgetsConfig = new(new("example.io", "v1", "widgets"), "Widget", true);

    private IStorageFactory? _factory;

    /// <summary>A new, empty storage for one test.</summary>
    protected abstract ValueTask<IStorageFactory> CreateFactoryAsync();

    protected IStorageFactory Factory => _factory ?? throw new InvalidOperationException("the factory is created in InitializeAsync");

    /// <summary>Bounds every storage call, so a hanging storage fails the test instead of the run.</summary>
    protected CancellationToken Timeout { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    protected IResourceStorage Pods => Factory.GetResourceStorage(PodsConfig);

    public virtual async Task InitializeAsync() => _factory = await CreateFactoryAsync();

    public virtual async Task DisposeAsync()
    {
        if (_factory is null) return;
        await _factory.ShutdownAsync(CancellationToken.None);
        await _factory.DisposeAsync();
    }

    protected IResourceStorage Storage(ResourceStorageConfig config) => Factory.GetResourceStorage(config);

    protected async Task SeedAsync(ResourceStorageConfig config, string cluster, params TestObject[] objects)
    {
        var storage = Storage(config);
        foreach (var obj in objects) await storage.UpsertAsync(cluster, obj.Build(cluster), Timeout);
    }

    protected async Task<CollectingListSink> ListAsync(ResourceStorageConfig config, ListOptions options)
    {
        var sink = new CollectingListSink();
        await Storage(config).ListAsync(options, sink, Timeout);
        Assert.True(sink.Completed, "the list did not complete its sink");
        return sink;
    }

    protected Task<CollectingListSink> ListPodsAsync(ListOptions options) => ListAsync(PodsConfig, options);

    protected async Task<CollectingListSink> ListCollectionAsync(string name, ListOptions options)
    {
        var sink = new CollectingListSink();
        await Factory.GetCollectionResourceStorage(name).ListAsync(options, sink, Timeout);
        Assert.True(sink.Completed, "the collection list did not complete its sink");
        return sink;
    }

    /// <summary>Lists every page with <paramref name="limit"/> from the options' continue on, following continue tokens; returns the pages' keys.</summary>
    protected async Task<List<IReadOnlyList<string>>> WalkPagesAsync(Func<ListOptions, Task<CollectingListSink>> list, ListOptions options, long limit)
    {
        var pages = new List<IReadOnlyList<string>>();
        var next = options.Continue;
        do
        {
            var page = await list(options with { Limit = limit, Continue = next });
            Assert.True(page.Items.Count <= limit, $"a page of limit {limit} had {page.Items.Count} items");
            pages.Add(page.Keys);
            next = page.Result.Continue is { } token ? Token(token) : null;
            if (next is not null) Assert.Equal(limit, page.Items.Count);
            Assert.True(pages.Count <= 1000, "the pages do not end");
        }
        while (next is not null);
        return pages;
    }

    /// <summary>Reads a continue token as the query parser would: a number is an offset, anything else a cursor.</summary>
    protected static ContinueToken Token(string token) =>
        long.TryParse(token, out var offset) ? ContinueToken.FromOffset(offset) : ContinueToken.FromCursor(ListCursor.Decode(token));

    protected static ListOptions Options() => new();

    protected static async Task<StorageException> AssertStorageErrorAsync(StorageErrorKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<StorageException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    protected static GroupResource GR(string value) => GroupResource.Parse(value);
}
