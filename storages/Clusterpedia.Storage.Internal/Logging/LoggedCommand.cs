using System.Data.Common;

namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>Executes a command and logs it to the SQL log; without a log it is the plain call, with no extra state machine.</summary>
internal static class LoggedCommand
{
    /// <returns>The rows affected (-1 for statements without a count, such as DDL).</returns>
    public static Task<int> ExecuteNonQueryLoggedAsync(this DbCommand command, SqlLog? log, CancellationToken cancellationToken) =>
        log is null ? command.ExecuteNonQueryAsync(cancellationToken) : NonQueryAsync(command, log, cancellationToken);

    public static Task<object?> ExecuteScalarLoggedAsync(this DbCommand command, SqlLog? log, CancellationToken cancellationToken) =>
        log is null ? command.ExecuteScalarAsync(cancellationToken) : ScalarAsync(command, log, cancellationToken);

    /// <summary>Runs one parameterless statement (schema set-up) on <paramref name="connection"/>, logged.</summary>
    public static async Task<int> ExecuteNonQueryLoggedAsync(this DbConnection connection, string sql, SqlLog? log, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryLoggedAsync(log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one parameterless query for a single value on <paramref name="connection"/>, logged.</summary>
    public static async Task<object?> ExecuteScalarLoggedAsync(this DbConnection connection, string sql, SqlLog? log, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarLoggedAsync(log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> NonQueryAsync(DbCommand command, SqlLog log, CancellationToken cancellationToken)
    {
        var trace = SqlTrace.Start(log);
        int rows;
        try
        {
            rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            trace.Failed(command, -1, e);
            throw;
        }
        trace.Done(command, rows);
        return rows;
    }

    private static async Task<object?> ScalarAsync(DbCommand command, SqlLog log, CancellationToken cancellationToken)
    {
        var trace = SqlTrace.Start(log);
        object? value;
        try
        {
            value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            trace.Failed(command, -1, e);
            throw;
        }
        trace.Done(command, value is null or DBNull ? 0 : 1);
        return value;
    }
}
