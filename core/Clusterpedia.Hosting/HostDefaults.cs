namespace Clusterpedia.Hosting;

/// <summary>The flag defaults that differ between executables.</summary>
/// <param name="StorageName">Default of <c>--storage-name</c>: <c>internal</c> upstream, <c>memory</c> for binding-apiserver here.</param>
/// <param name="SecurePort">Default of <c>--secure-port</c>.</param>
public sealed record HostDefaults(string StorageName, int SecurePort)
{
    public static readonly HostDefaults ApiServer = new("internal", 443);

    /// <summary>Upstream's manager has no API port; ours serves only health and version, so it avoids 443.</summary>
    public static readonly HostDefaults ClusterSynchroManager = new("internal", 8443);

    public static readonly HostDefaults BindingApiServer = new("memory", 443);
}
