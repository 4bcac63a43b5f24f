namespace Clusterpedia.Objects;

/// <summary>The parts of an ownerReference that searches use.</summary>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller);
