using System.Text.Json;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>
/// Turns objects of one kind into table cells, with kubectl's columns for that kind. The Cluster column is not a
/// printer's business: the table writer puts it first for every kind.
/// </summary>
public abstract class TablePrinter
{
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Writes one cell per column, in order, for the object.</summary>
    public abstract void WriteCells(Utf8JsonWriter w, JsonElement obj, DateTimeOffset now);
}
