using Clusterpedia.Objects;
using Clusterpedia.Storage;

namespace Clusterpedia.Synchro.Clusters;

/// <summary>
/// One resource version to sync from a member and where it is stored (same GVR: no conversion is done; a built-in is
/// asked for in its storage version and the member converts).
/// </summary>
public sealed record NegotiatedResource(GroupVersionResource SyncResource, GroupVersionResource StorageResource, string Kind, string SingularName, bool Namespaced,
    bool SyncEvents = false, SyncNote? Note = null)
{
    public ResourceStorageConfig StorageConfig => new(StorageResource, Kind, Namespaced);
}
