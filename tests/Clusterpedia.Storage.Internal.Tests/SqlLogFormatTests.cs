using Clusterpedia.Storage.Internal.Config;
using Clusterpedia.Storage.Internal.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>How the SQL log shows statements and durations (no database needed: commands are only built).</summary>
public sealed class SqlLogFormatTests
{
    private static string Render(string sql, params NpgsqlParameter[] parameters)
    {
        using var command = new NpgsqlCommand(sql);
        command.Parameters.AddRange(parameters);
        return SqlStatementText.Render(command.CommandText, command.Parameters);
    }

    [Fact]
    public void Values_are_inlined_quoted_and_escaped()
    {
        var sql = Render("SELECT @p0, @p1, @p10, @p2, @p3, @p4, @name, @unknown, '@p0', \"@p1\", x @> @p5",
            new("p0", "it's"), new("p1", 42L), new("p10", true), new("p2", DBNull.Value), new("p3", new DateTime(2024, 1, 2, 3, 4, 5, 600)),
            new("p4", "line\nbreak\ttab"), new("name", new[] { "a", "b" }), new("p5", NpgsqlDbType.Jsonb) { Value = "{\"a\":\"b\"}" });
        Assert.Equal("SELECT 'it''s', 42, true, NULL, '2024-01-02 03:04:05.6', 'line\\nbreak\\ttab', ARRAY['a', 'b'], @unknown, '@p0', \"@p1\", x @> '{\"a\":\"b\"}'", sql);
    }

    [Fact]
    public void Long_values_arrays_and_statements_are_cut()
    {
        var json = "{\"data\":\"" + new string('x', 5000) + "\"}";
        var value = Render("INSERT INTO t VALUES (@p0)", new NpgsqlParameter("p0", json));
        Assert.Equal("INSERT INTO t VALUES ('" + json[..256] + $"'...({json.Length} chars))", value);

        var array = Render("SELECT @a", new NpgsqlParameter("a", Enumerable.Range(0, 500).Select(i => $"n{i}").ToArray()));
        Assert.Equal("SELECT ARRAY['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9'](500 items)", array);

        var values = Enumerable.Range(0, 100).Select(i => new NpgsqlParameter($"p{i}", json)).ToArray();
        var statement = Render("INSERT INTO t VALUES " + string.Join(", ", values.Select(p => $"(@{p.ParameterName})")), values);
        Assert.True(statement.Length < SqlStatementText.MaxChars + 400, statement.Length.ToString());
        Assert.EndsWith($"...(statement cut at {SqlStatementText.MaxChars} characters)", statement);
    }

    [Fact]
    public void Multi_line_statements_become_one_line() =>
        Assert.Equal("CREATE TABLE t ( id int, name text )", Render("CREATE TABLE t (\n    id int,\n    name text\n)\n"));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1ns")]
    [InlineData(1_500, "1.5µs")]
    [InlineData(200_000_000, "200ms")]
    [InlineData(1_500_000_000, "1.5s")]
    [InlineData(90_000_000_000, "1m30s")]
    [InlineData(3_600_000_000_000, "1h0m0s")]
    [InlineData(-2_000_000, "-2ms")]
    public void Durations_print_as_Go_does(long nanoseconds, string text) => Assert.Equal(text, GoDuration.Format(nanoseconds));
}
