using System.Text;
using Microsoft.Data.Sqlite;

namespace Clusterpedia.Storage.Sample.Sql;

/// <summary>
/// A SQL statement being built: text plus its parameters. Every value from a request goes through
/// <see cref="Param"/>, never into the text, so no search can inject SQL (DESIGN.md §3.4).
/// </summary>
internal sealed class SqlText
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Name, object Value)> _parameters = [];

    public SqlText Append(string sql)
    {
        _text.Append(sql);
        return this;
    }

    /// <summary>Adds a parameter and returns its placeholder, e.g. <c>@p3</c>.</summary>
    public string Param(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add((name, value ?? DBNull.Value));
        return name;
    }

    /// <summary>A parenthesized, comma-separated list of parameters, for <c>IN (...)</c>.</summary>
    public string Params(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(v => Param(v))) + ")";

    public SqliteCommand ToCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _text.ToString();
        foreach (var (name, value) in _parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    public override string ToString() => _text.ToString();
}
