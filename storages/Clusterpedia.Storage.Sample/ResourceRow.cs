using System.Text;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Sample.Sql;
using Microsoft.Data.Sqlite;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// One object as a row of the <c>resources</c> table: the key columns, the searchable metadata columns and the JSON.
/// </summary>
internal sealed record ResourceRow(
    GroupVersionResource Resource, string Kind, string Cluster, string Namespace, string Name, string OwnerUid, string Uid,
    string ResourceVersion, string Json, string? CreatedAt, string? DeletedAt)
{
    /// <summary>The columns every write sets, in the order of <see cref="Bind"/>'s parameters.</summary>
    public const string Columns = "\"group\", version, resource, kind, cluster, namespace, name, owner_uid, uid, resource_version, object, created_at, synced_at, deleted_at";

    public const string Values = "@group, @version, @resource, @kind, @cluster, @namespace, @name, @owner_uid, @uid, @resource_version, @object, @created_at, @synced_at, @deleted_at";

    /// <summary>
    /// The row of an object written for <paramref name="cluster"/>; the key comes from its metadata. The contract's
    /// apiVersion and kind are filled in from <paramref name="config"/> when the object lacks them.
    /// </summary>
    /// <exception cref="StorageException">
    /// With <see cref="StorageErrorKind.Fatal"/> when the bytes are not a usable object; <see cref="StorageErrorKind.Invalid"/>
    /// when its kind is not the config's.
    /// </exception>
    public static ResourceRow From(ResourceStorageConfig config, string cluster, ResourceObject obj)
    {
        ObjectMetadata metadata;
        try
        {
            obj = StoredTypeMeta.Complete(config, obj);
            metadata = obj.Metadata;
        }
        catch (InvalidObjectException e)
        {
            throw StorageException.Fatal($"Storage<sample-storage>: {config.Resource}: {e.Message}", e);
        }
        if (metadata.Name.Length == 0) throw StorageException.Fatal($"Storage<sample-storage>: {config.Resource}: the object has no metadata.name");

        return new ResourceRow(
            config.Resource, metadata.Kind, cluster, metadata.Namespace, metadata.Name,
            metadata.ControllerUid, metadata.Uid, metadata.ResourceVersion, Encoding.UTF8.GetString(obj.Json.Span),
            metadata.CreationTimestamp is { } created ? ListFilter.Timestamp(created) : null,
            metadata.DeletionTimestamp is { } deleted ? ListFilter.Timestamp(deleted) : null);
    }

    /// <summary>Sets the parameters named in <see cref="Values"/>, adding them on first use so a batch reuses one command.</summary>
    public void Bind(SqliteCommand command)
    {
        Set(command, "@group", Resource.Group);
        Set(command, "@version", Resource.Version);
        Set(command, "@resource", Resource.Resource);
        Set(command, "@kind", Kind);
        Set(command, "@cluster", Cluster);
        Set(command, "@namespace", Namespace);
        Set(command, "@name", Name);
        Set(command, "@owner_uid", OwnerUid);
        Set(command, "@uid", Uid);
        Set(command, "@resource_version", ResourceVersion);
        Set(command, "@object", Json);
        Set(command, "@created_at", CreatedAt);
        Set(command, "@synced_at", ListFilter.Timestamp(DateTimeOffset.UtcNow));
        Set(command, "@deleted_at", DeletedAt);
    }

    private static void Set(SqliteCommand command, string name, string? value)
    {
        object v = value is null ? DBNull.Value : value;
        if (command.Parameters.Contains(name)) command.Parameters[name].Value = v;
        else command.Parameters.AddWithValue(name, v);
    }
}
