using System.Globalization;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>Upstream's default table convertor for CRDs and kinds without a printer: Name and Created At.</summary>
internal static class DefaultPrinter
{
    public static TablePrinter Instance { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            new TableColumn("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created."),
        ],
        (w, o, _) =>
        {
            w.WriteStringValue(o.Name());
            var created = o.Time("metadata", "creationTimestamp");
            w.WriteStringValue(created is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "");
        });
}
