using System.Data.Common;
using System.Text;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>A SQL statement being built with its parameters (<c>@p0</c>, <c>@p1</c>, ...): values never enter the text.</summary>
internal sealed class SqlText(SqlDialect dialect)
{
    private readonly StringBuilder _sql = new(256);
    private readonly List<DbParameter> _parameters = [];

    public SqlDialect Dialect { get; } = dialect;

    public SqlText Append(string sql)
    {
        _sql.Append(sql);
        return this;
    }

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Param(object? value) => Add(Dialect.Parameter(value));

    public string Add(DbParameter parameter)
    {
        parameter.ParameterName = "p" + _parameters.Count;
        _parameters.Add(parameter);
        return "@" + parameter.ParameterName;
    }

    /// <summary>Placeholders for an IN list: <c>(@p1, @p2)</c>.</summary>
    public string List(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(v => Param(v))) + ")";

    public int Length => _sql.Length;

    public override string ToString() => _sql.ToString();

    public DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _sql.ToString();
        command.Parameters.AddRange(_parameters.ToArray());
        return command;
    }

    /// <summary>A command of a search (list, count, owner chain, get), bounded by the storage's statement timeout.</summary>
    public DbCommand CreateQueryCommand(DbConnection connection)
    {
        var command = CreateCommand(connection);
        command.CommandTimeout = Dialect.Settings.StatementTimeoutSeconds;
        return command;
    }

    /// <summary>The parameters in placeholder order (<c>@p0</c> first).</summary>
    public IReadOnlyList<DbParameter> Parameters => _parameters;
}
