namespace Clusterpedia.Generators.Tests;

/// <summary>Source text of storage layer classes for the in-memory compilations.</summary>
internal static class StorageSources
{
    public const string ValidCreateAsync = """
            public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)
                => new(new __CLASS__(options));
        """;

    /// <summary>A complete, valid storage layer class in its own namespace.</summary>
    /// <param name="attributeArguments">Named arguments after the name, e.g. <c>, FeatureGates = new[] { "A" }</c>.</param>
    public static string Layer(string ns, string className, string storageName, string attributeArguments = "") =>
        $$"""
        namespace {{ns}}
        {
            [StorageLayer("{{storageName}}"{{attributeArguments}})]
            public sealed class {{className}} : IStorageFactory
            {
        {{FactoryMembers(className)}}
            }
        }
        """;

    /// <summary>
    /// The IStorageFactory members (the layer keeps the options it was created with, so tests can see them) plus
    /// the CreateAsync given, by default the valid one.
    /// </summary>
    public static string FactoryMembers(string className, string createAsync = ValidCreateAsync) => $$"""
                public {{className}}(StorageLayerOptions options) => Options = options;
                public StorageLayerOptions Options { get; }
        {{createAsync.Replace("__CLASS__", className)}}
                public StorageVerbs SupportedVerbs => StorageVerbs.None;
                public IReadOnlyList<CollectionResourceDefinition> CollectionResources => Array.Empty<CollectionResourceDefinition>();
                public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => default;
                public ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken) => default;
                public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken) => default;
                public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(string cluster, CancellationToken cancellationToken)
                    => new(new Dictionary<GroupVersionResource, ClusterResourceVersions>());
                public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => throw StorageException.NotSupported("test layer");
                public ICollectionResourceStorage GetCollectionResourceStorage(string name) => throw StorageException.NotFound(name);
                public ValueTask ShutdownAsync(CancellationToken cancellationToken) => default;
                public ValueTask DisposeAsync() => default;
        """;
}
