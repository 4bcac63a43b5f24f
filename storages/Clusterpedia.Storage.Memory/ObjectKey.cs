namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The unique key of an object within one storage resource: (cluster, namespace, name), compared ordinally in
/// that order. This is the natural list order and the final tie-breaker of every other order.
/// </summary>
internal readonly record struct ObjectKey(string Cluster, string Namespace, string Name) : IComparable<ObjectKey>
{
    public int CompareTo(ObjectKey other)
    {
        var c = string.CompareOrdinal(Cluster, other.Cluster);
        if (c != 0) return c;
        c = string.CompareOrdinal(Namespace, other.Namespace);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => $"{Cluster}/{ClusterResourceVersions.KeyOf(Namespace, Name)}";
}
