namespace Clusterpedia.ClusterSimulator;

/// <summary>What the simulator remembers of an object, enough to render its JSON again at a new resourceVersion.</summary>
/// <param name="Owner">The controller owner; for an Event its involved object, for a HorizontalPodAutoscaler its scale target.</param>
public sealed record ObjectSpec(
    SimulatedResource Resource,
    string Namespace,
    string Name,
    string Uid,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Labels,
    OwnerSpec? Owner,
    int Generation = 1)
{
    public string Key => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}

public sealed record OwnerSpec(string ApiVersion, string Kind, string Name, string Uid);
