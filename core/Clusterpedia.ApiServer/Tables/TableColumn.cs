namespace Clusterpedia.ApiServer.Tables;

/// <summary>A meta.k8s.io/v1 TableColumnDefinition. Priority 0 columns are always shown, priority 1 with <c>-o wide</c>.</summary>
public sealed record TableColumn(string Name, string Type, string Description, string Format = "", int Priority = 0)
{
    public static TableColumn ObjectName { get; } = new("Name",
        "string", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
        "name");

    public static TableColumn Age { get; } = new("Age",
        "string", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");

    /// <summary>Clusterpedia's leading column: the cluster an object was synced from.</summary>
    public static TableColumn Cluster { get; } = new("Cluster", "string", "Name of the cluster the resource belongs to");

    public static TableColumn Text(string name, string description = "", int priority = 0) => new(name, "string", description, "", priority);

    public static TableColumn Integer(string name, string description = "", int priority = 0) => new(name, "integer", description, "", priority);

    public static TableColumn Wide(string name, string description = "") => new(name, "string", description, "", 1);
}
