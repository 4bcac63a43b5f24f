namespace Clusterpedia.Storage.Memory;

/// <summary>A stored object on its way into a list page, with the resource store it came from.</summary>
internal readonly record struct ListCandidate(StoredObject Object, ResourceStore Store);
