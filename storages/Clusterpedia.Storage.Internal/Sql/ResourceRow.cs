using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>The column values of one object's row, derived as upstream derives them.</summary>
internal readonly record struct ResourceRow(
    string Namespace,
    string Name,
    string OwnerUid,
    string Uid,
    string ResourceVersion,
    string Object,
    DateTime CreatedAt,
    DateTime? DeletedAt)
{
    /// <summary>
    /// The row of an object written to <paramref name="config"/>'s resource and its <c>kind</c> column. An object
    /// without apiVersion or kind gets them from the config first (<see cref="StoredTypeMeta"/>): upstream's reader
    /// cannot decode a stored object without kind.
    /// </summary>
    /// <exception cref="StorageException">Invalid: not a named object, or an object of another kind than the config's.</exception>
    public static (ResourceRow Row, string Kind) For(ResourceStorageConfig config, ResourceObject obj)
    {
        obj = Complete(config, obj);
        return (From(obj), obj.Metadata.Kind);
    }

    /// <summary><see cref="StoredTypeMeta.Complete"/>, its refusals as this layer's Invalid.</summary>
    public static ResourceObject Complete(ResourceStorageConfig config, ResourceObject obj)
    {
        try
        {
            return StoredTypeMeta.Complete(config, obj);
        }
        catch (InvalidObjectException e)
        {
            throw StorageException.Invalid($"Storage<internal>: {e.Message}");
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.Invalid)
        {
            throw StorageException.Invalid($"Storage<internal>: {e.Message}");
        }
    }

    /// <summary>The row of an object that already carries apiVersion and kind.</summary>
    public static ResourceRow From(ResourceObject obj)
    {
        ObjectMetadata m;
        try
        {
            m = obj.Metadata;
        }
        catch (InvalidObjectException e)
        {
            throw StorageException.Invalid($"Storage<internal>: {e.Message}");
        }
        if (m.Name.Length == 0) throw StorageException.Invalid("Storage<internal>: object has no metadata.name");
        return new ResourceRow(
            m.Namespace,
            m.Name,
            m.ControllerUid,
            m.Uid,
            m.ResourceVersion,
            System.Text.Encoding.UTF8.GetString(obj.Json.Span),
            // created_at is NOT NULL upstream; an object without creationTimestamp gets the Unix epoch.
            (m.CreationTimestamp ?? DateTimeOffset.UnixEpoch).UtcDateTime,
            m.DeletionTimestamp?.UtcDateTime);
    }
}
