namespace Clusterpedia.Storage;

/// <summary>The request verbs a storage layer can serve; discovery advertises exactly these.</summary>
[Flags]
public enum StorageVerbs
{
    None = 0,
    Get = 1,
    List = 2,
    Watch = 4,
}

public static class StorageVerbsExtensions
{
    /// <summary>The verbs as Kubernetes discovery spells them, in discovery order.</summary>
    public static IReadOnlyList<string> ToDiscoveryVerbs(this StorageVerbs verbs)
    {
        var result = new List<string>(3);
        if (verbs.HasFlag(StorageVerbs.Get)) result.Add("get");
        if (verbs.HasFlag(StorageVerbs.List)) result.Add("list");
        if (verbs.HasFlag(StorageVerbs.Watch)) result.Add("watch");
        return result;
    }
}
