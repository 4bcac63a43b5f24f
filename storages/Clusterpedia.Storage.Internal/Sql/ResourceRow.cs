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
