namespace Clusterpedia.Storage;

/// <summary>
/// Marks a storage layer's factory class. The host's source generator finds every public class carrying this
/// attribute in the host and in all assemblies it references, and compiles it into the host's registry.
/// </summary>
/// <remarks>
/// The class must implement <see cref="IStorageFactory"/> and declare
/// <c>public static ValueTask&lt;IStorageFactory&gt; CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)</c>.
/// The name is what users pass to <c>--storage-name</c>: a DNS-1123 label, dots allowed (for example <c>memory</c>, <c>my.storage</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StorageLayerAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>
    /// The feature gates this layer reads, e.g. <c>FeatureGates = new[] { "AllowRawSQLQuery" }</c>. The hosts that serve
    /// the API accept them in <c>--feature-gates Gate=true|false</c> when this layer is selected, and pass the given
    /// values in <see cref="StorageLayerOptions.FeatureGates"/>. Every gate is off unless turned on. Names are letters and
    /// digits starting with a letter (Kubernetes style, e.g. <c>AllowRawSQLQuery</c>); the generator checks them (CPSL007).
    /// </summary>
    public string[] FeatureGates { get; set; } = [];
}
