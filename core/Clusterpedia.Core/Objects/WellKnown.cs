namespace Clusterpedia.Objects;

/// <summary>Annotation and label keys with a meaning on the wire, spelled as upstream Clusterpedia spells them.</summary>
public static class WellKnown
{
    public const string ClusterNameAnnotation = "shadow.clusterpedia.io/cluster-name";
    public const string EventsAnnotation = "shadow.clusterpedia.io/events";
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
}
