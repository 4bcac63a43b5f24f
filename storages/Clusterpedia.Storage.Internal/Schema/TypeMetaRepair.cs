using System.Data.Common;
using System.Globalization;
using Clusterpedia.Storage.Internal.Logging;

namespace Clusterpedia.Storage.Internal.Schema;

/// <summary>
/// Repairs, once per database, rows whose object lacks top-level apiVersion or kind. Our synchro stored list items as a
/// kube-apiserver serves them (built-in types without either) before it added them, and upstream's apiserver cannot
/// decode such objects ("Object 'Kind' is missing"). apiVersion comes from the row's group and version columns (the
/// version alone for the core group), kind from its kind column; an apiVersion the object has is kept.
/// </summary>
/// <remarks>
/// The first start walks the table in primary-key batches of <see cref="BatchRows"/> rows: one short transaction each,
/// which also records its progress in <see cref="MarkerTable"/>, so an interrupted walk resumes after its last batch.
/// At the end the walk is marked complete; every later start reads that one row and does nothing else. Rows upstream
/// wrote carry both and are left as they are; so are rows whose kind column is empty (there is nothing to fill in).
/// Deleting the marker row makes the next start walk the table again.
/// </remarks>
internal sealed class TypeMetaRepair(TypeMetaRepairSql sql)
{
    /// <summary>Our own table of one-off data migrations; upstream never reads it.</summary>
    public const string MarkerTable = "clusterpedia_migrations";

    /// <summary>This repair's row in <see cref="MarkerTable"/>.</summary>
    public const string Name = "resources-object-type-meta";

    /// <summary>Rows per batch: large enough that a million rows take 100 statements, small enough to keep each transaction short.</summary>
    public const int BatchRows = 10_000;

    public async Task RunAsync(DbConnection connection, SqlLog? log, TextWriter report, CancellationToken cancellationToken)
    {
        await connection.ExecuteNonQueryLoggedAsync(sql.CreateMarkerTable, log, cancellationToken).ConfigureAwait(false);
        var marker = await ReadMarkerAsync(connection, log, cancellationToken).ConfigureAwait(false);
        if (marker is { Completed: true }) return;
        if (marker is null) await ExecuteAsync(connection, null, sql.InsertMarker, log, cancellationToken).ConfigureAwait(false);
        var (progress, repaired) = marker is { } m ? (m.Progress, m.Repaired) : (0L, 0L);

        var end = ToInt64(await ScalarAsync(connection, "SELECT MAX(id) FROM resources", log, cancellationToken).ConfigureAwait(false));
        var walked = end > progress;
        while (progress < end)
        {
            var next = ToInt64(await ScalarAsync(connection,
                $"SELECT id FROM resources WHERE id > @from ORDER BY id LIMIT 1 OFFSET {BatchRows - 1}", log, cancellationToken, ("from", progress)).ConfigureAwait(false));
            var to = next == 0 || next > end ? end : next;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var rows = await ExecuteAsync(connection, transaction,
                $"UPDATE resources SET {sql.Fix} WHERE id > @from AND id <= @to AND kind <> '' AND {sql.Lacking}", log, cancellationToken,
                ("from", progress), ("to", to)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                $"UPDATE {MarkerTable} SET progress = GREATEST(progress, @to), repaired = repaired + @rows WHERE name = @name", log, cancellationToken,
                ("to", to), ("rows", (long)rows)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            (progress, repaired) = (to, repaired + rows);
        }
        await ExecuteAsync(connection, null, $"UPDATE {MarkerTable} SET completed_at = {sql.Now} WHERE name = @name", log, cancellationToken).ConfigureAwait(false);
        if (walked)
        {
            await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Storage<internal>: repaired {repaired} rows of table resources whose object lacked apiVersion or kind (ids up to {end} checked); later starts skip this check ({MarkerTable}: {Name})")).ConfigureAwait(false);
        }
    }

    private readonly record struct Marker(long Progress, long Repaired, bool Completed);

    private static async Task<Marker?> ReadMarkerAsync(DbConnection connection, SqlLog? log, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"SELECT progress, repaired, completed_at IS NOT NULL FROM {MarkerTable} WHERE name = @name", []);
        var trace = SqlTrace.Start(log);
        Marker? marker = null;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                marker = new Marker(ToInt64(reader.GetValue(0)), ToInt64(reader.GetValue(1)), ToInt64(reader.GetValue(2)) != 0);
        }
        catch (Exception e)
        {
            trace.Failed(command, -1, e);
            throw;
        }
        trace.Done(command, marker is null ? 0 : 1);
        return marker;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string text, SqlLog? log, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, null, text, parameters);
        return await command.ExecuteScalarLoggedAsync(log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string text, SqlLog? log,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, text, parameters);
        return await command.ExecuteNonQueryLoggedAsync(log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command with <c>@name</c> bound to this repair's name and the given parameters (both drivers take <c>@</c> names).</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        // A batch of large objects on a slow disk can outlast the drivers' 30 s default; the work per statement is bounded.
        command.CommandTimeout = 600;
        if (text.Contains("@name", StringComparison.Ordinal)) Add(command, "name", Name);
        foreach (var (name, value) in parameters) Add(command, name, value);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static long ToInt64(object? value) => value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

/// <summary>The engine's statements for <see cref="TypeMetaRepair"/>.</summary>
/// <param name="CreateMarkerTable">Creates <see cref="TypeMetaRepair.MarkerTable"/> when missing.</param>
/// <param name="InsertMarker">Adds the repair's row (name bound as <c>@name</c>) unless it exists.</param>
/// <param name="Lacking">True for a row whose object lacks apiVersion or kind (missing, null or empty).</param>
/// <param name="Fix">The SET clause that writes both, keeping an apiVersion the object has.</param>
/// <param name="Now">The current UTC time.</param>
internal sealed record TypeMetaRepairSql(string CreateMarkerTable, string InsertMarker, string Lacking, string Fix, string Now);
