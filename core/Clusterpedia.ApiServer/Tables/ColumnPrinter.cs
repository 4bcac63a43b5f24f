using System.Text.Json;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>A printer made of its columns and a function writing the cells; most kinds need nothing more.</summary>
public sealed class ColumnPrinter(IReadOnlyList<TableColumn> columns, Action<Utf8JsonWriter, JsonElement, DateTimeOffset> cells) : TablePrinter
{
    public override IReadOnlyList<TableColumn> Columns => columns;

    public override void WriteCells(Utf8JsonWriter w, JsonElement obj, DateTimeOffset now) => cells(w, obj, now);
}
