using Clusterpedia.Query;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// A client's own SQL condition from the URL query (upstream internalstorage util.go, §2.4 step 5), ANDed into the
/// WHERE clause in parentheses:
/// <list type="bullet">
/// <item><c>whereSQLStatement=&lt;sql with ?&gt;</c> with repeated <c>whereSQLParam=&lt;string&gt;</c>, or
/// <c>whereSQLJSONParams=&lt;base64 JSON array&gt;</c> (typed; it wins over <c>whereSQLParam</c>): each <c>?</c> outside
/// quotes and comments becomes a bound parameter. Needs <c>AllowParameterizedSQLQuery</c> (or, as upstream, <c>AllowRawSQLQuery</c>).</item>
/// <item><c>whereSQL=&lt;sql&gt;</c>, as it is. Needs <c>AllowRawSQLQuery</c>; a statement given as well wins, as upstream.</item>
/// </list>
/// A parameter whose gate is off is refused naming the gate, rather than ignored: a filter silently dropped returns
/// more than the client asked for.
/// </summary>
internal sealed class WhereSql
{
    public const string Raw = "whereSQL";
    public const string Statement = "whereSQLStatement";
    public const string Param = "whereSQLParam";
    public const string JsonParams = "whereSQLJSONParams";

    private readonly string _sql;
    private readonly ScannedCondition _scanned;
    private readonly IReadOnlyList<object?>? _values;

    private WhereSql(string parameter, string sql, ScannedCondition scanned, IReadOnlyList<object?>? values)
    {
        Parameter = parameter;
        _sql = sql;
        _scanned = scanned;
        _values = values;
    }

    /// <summary>The URL parameter the condition came from (<c>whereSQL</c> or <c>whereSQLStatement</c>), named in errors.</summary>
    public string Parameter { get; }

    /// <summary>The condition the URL query asks for, or null when it asks for none.</summary>
    /// <param name="mySql">Read the SQL with MySQL/MariaDB's quoting rules rather than PostgreSQL's.</param>
    /// <exception cref="ListOptionsException">A parameter whose gate is off, params without a statement, bad base64 or JSON, a
    /// placeholder count that differs from the parameter count, or SQL that is not one condition.</exception>
    public static WhereSql? From(ListOptions options, WhereSqlGates gates, bool mySql)
    {
        var raw = First(options, Raw);
        var statement = First(options, Statement);
        var strings = options.UrlQuery.TryGetValue(Param, out var given) ? given : [];
        var json = First(options, JsonParams);

        if (raw is not null && !gates.AllowRaw) throw GateOff(Raw, WhereSqlGates.RawGate);
        var parameterized = statement is not null || strings.Count > 0 || json is not null;
        if (parameterized && !gates.AllowParameterized && !gates.AllowRaw)
            throw GateOff(statement is not null ? Statement : json is not null ? JsonParams : Param, WhereSqlGates.ParameterizedGate);

        if (parameterized)
        {
            if (statement is null)
                throw new ListOptionsException(Statement, $"required when either {Param} or {JsonParams} was provided");
            var values = json is not null ? WhereSqlJsonParams.Decode(json, JsonParams) : strings.Select(v => (object?)v).ToList();
            var scanned = SqlConditionScanner.Scan(statement, mySql, Statement);
            if (scanned.Placeholders.Count != values.Count)
            {
                throw new ListOptionsException(Statement,
                    $"has {scanned.Placeholders.Count} '?' placeholder(s) outside quotes but {values.Count} parameter(s) were given in {(json is not null ? JsonParams : Param)}");
            }
            return new WhereSql(Statement, statement, scanned, values);
        }
        if (raw is null) return null;
        var rawScanned = SqlConditionScanner.Scan(raw, mySql, Raw);
        // MySQL's driver would bind a bare '?' to one of our own parameters; PostgreSQL reads it as the jsonb operator.
        if (mySql && rawScanned.Placeholders.Count > 0)
            throw new ListOptionsException(Raw, $"has a '?' outside quotes at position {rawScanned.Placeholders[0]}; pass values with {Statement} and {Param}");
        return new WhereSql(Raw, raw, rawScanned, null);
    }

    /// <summary>Appends <c> AND (&lt;condition&gt;)</c>, each placeholder bound to its parameter.</summary>
    public void AppendTo(SqlText q)
    {
        q.Append(" AND (");
        var from = 0;
        if (_values is not null)
        {
            for (var i = 0; i < _values.Count; i++)
            {
                var at = _scanned.Placeholders[i];
                q.Append(_sql[from..at]).Append(Bind(q, _values[i], AfterParenthesis(at)));
                from = at + 1;
            }
        }
        q.Append(_sql[from..]);
        // A trailing -- comment would swallow the closing parenthesis.
        q.Append(_scanned.EndsInLineComment ? "\n)" : ")");
    }

    /// <summary>A scalar is one parameter; a list is <c>p1, p2</c> inside the statement's own parentheses, else <c>(p1, p2)</c> (as GORM).</summary>
    private static string Bind(SqlText q, object? value, bool afterParenthesis)
    {
        if (value is not IReadOnlyList<object?> list) return q.Add(q.Dialect.ClientParameter(value));
        var items = list.Count == 0 ? "NULL" : string.Join(", ", list.Select(item => q.Add(q.Dialect.ClientParameter(item))));
        return afterParenthesis ? items : "(" + items + ")";
    }

    private bool AfterParenthesis(int placeholder)
    {
        var i = placeholder - 1;
        while (i >= 0 && char.IsWhiteSpace(_sql[i])) i--;
        return i >= 0 && _sql[i] == '(';
    }

    private static string? First(ListOptions options, string key) =>
        options.UrlQuery.TryGetValue(key, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static ListOptionsException GateOff(string parameter, string gate) =>
        new(parameter, $"the feature gate {gate} is off; start the API server with --feature-gates={gate}=true to use {parameter}");
}
