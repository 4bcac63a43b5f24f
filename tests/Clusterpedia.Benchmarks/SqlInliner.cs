using System.Data.Common;
using System.Globalization;
using Clusterpedia.Storage.Internal.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Clusterpedia.Benchmarks;

/// <summary>Turns a storage statement and its parameters into one SQL text for psql, so the baseline runs our exact SQL.</summary>
internal static class SqlInliner
{
    public static string Inline(SqlText q)
    {
        var sql = q.ToString();
        foreach (var p in q.Parameters.OrderByDescending(p => int.Parse(p.ParameterName[1..], CultureInfo.InvariantCulture)))
            sql = sql.Replace("@" + p.ParameterName, Literal(p), StringComparison.Ordinal);
        return sql;
    }

    private static string Literal(DbParameter p)
    {
        var jsonb = p is NpgsqlParameter np && np.NpgsqlDbType == NpgsqlDbType.Jsonb;
        return p.Value switch
        {
            string s when jsonb => Quote(s) + "::jsonb",
            string s => Quote(s),
            string[] a => "ARRAY[" + string.Join(",", a.Select(Quote)) + "]::text[]",
            DateTime t => Quote(t.ToString("O", CultureInfo.InvariantCulture)) + "::timestamptz",
            long or int => Convert.ToString(p.Value, CultureInfo.InvariantCulture)!,
            _ => throw new NotSupportedException($"parameter {p.ParameterName} of type {p.Value?.GetType()}"),
        };
    }

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
