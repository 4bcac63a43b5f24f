using System.Text;
using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Tests.Servers;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// The feature-gated client SQL of lists (<c>whereSQL</c>, <c>whereSQLStatement</c> with <c>whereSQLParam</c> or
/// <c>whereSQLJSONParams</c>) on each engine: the gates, the binding of placeholders, and the 400s for what is wrong.
/// </summary>
public abstract class WhereSqlTests(IDatabaseServer server) : StorageTestBase(server)
{
    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>spec.priority</c> of the object as a number, in the engine's own SQL.</summary>
    protected abstract string PriorityExpression { get; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Upsert(Pods, "c1",
            Pod("c1", "default", "web-1", Labels("app=web"), "9", Day(2024, 1, 1), priority: 5),
            Pod("c1", "default", "web-2", Labels("app=web"), "10", Day(2024, 1, 2), priority: 7),
            Pod("c1", "kube-system", "dns", null, "2", Day(2023, 12, 1)));
        await Upsert(Pods, "c2", Pod("c2", "default", "db-1", Labels("app=db"), "5", Day(2024, 2, 1), priority: 5));
    }

    private async Task<IStorageFactory> Gated(bool raw = false, bool parameterized = false)
    {
        var gates = new Dictionary<string, bool> { ["AllowRawSQLQuery"] = raw, ["AllowParameterizedSQLQuery"] = parameterized };
        return await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(Database), _ => null) { FeatureGates = gates }, default);
    }

    private static async Task<CollectingSink> ListPods(IStorageFactory factory, params (string Key, string Value)[] query)
    {
        var sink = new CollectingSink();
        await factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true)).ListAsync(Parse(query), sink, default);
        return sink;
    }

    private static async Task<CollectingSink> ListAny(IStorageFactory factory, params (string Key, string Value)[] query)
    {
        var sink = new CollectingSink();
        await factory.GetCollectionResourceStorage("any").ListAsync(Parse([("groups", "*"), .. query]), sink, default);
        return sink;
    }

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static async Task<ListOptionsException> Refused(IStorageFactory factory, params (string Key, string Value)[] query) =>
        await Assert.ThrowsAsync<ListOptionsException>(() => ListPods(factory, query));

    [Theory]
    [InlineData("whereSQL", "name = 'web-1'", "AllowRawSQLQuery")]
    [InlineData("whereSQLStatement", "name = 'web-1'", "AllowParameterizedSQLQuery")]
    [InlineData("whereSQLParam", "web-1", "AllowParameterizedSQLQuery")]
    [InlineData("whereSQLJSONParams", "WyJ3ZWItMSJd", "AllowParameterizedSQLQuery")]
    public async Task With_the_gates_off_each_parameter_is_refused_naming_it_and_its_gate(string parameter, string value, string gate)
    {
        await using var factory = await Gated();

        var e = await Refused(factory, (parameter, value));
        var collection = await Assert.ThrowsAsync<ListOptionsException>(() => ListAny(factory, (parameter, value)));

        Assert.Equal(parameter, e.Parameter);
        Assert.Equal($"invalid {parameter}: the feature gate {gate} is off; start the API server with --feature-gates={gate}=true to use {parameter}", e.Message);
        Assert.Equal(parameter, collection.Parameter);
    }

    [Fact]
    public async Task Raw_SQL_needs_its_own_gate_even_when_the_parameterized_one_is_on()
    {
        await using var factory = await Gated(parameterized: true);

        var e = await Refused(factory, ("whereSQL", "name = 'web-1'"));

        Assert.Equal("whereSQL", e.Parameter);
        Assert.Contains("AllowRawSQLQuery", e.Message);
    }

    [Fact]
    public async Task A_raw_fragment_filters_and_its_OR_stays_inside_its_parentheses()
    {
        await using var factory = await Gated(raw: true);

        var raw = await ListPods(factory, ("whereSQL", "namespace = 'kube-system' OR name = 'web-2'"));
        // Without the parentheses "OR 1 = 1" would return c2's pod as well.
        var injected = await ListPods(factory, ("clusters", "c1"), ("whereSQL", "name = 'db-1' OR 1 = 1"));

        Assert.Equal(["c1/default/web-2", "c1/kube-system/dns"], raw.Keys);
        Assert.Equal(["c1/default/web-1", "c1/default/web-2", "c1/kube-system/dns"], injected.Keys);
    }

    [Fact]
    public async Task String_params_bind_each_placeholder_in_order()
    {
        await using var factory = await Gated(parameterized: true);

        var sink = await ListPods(factory, ("whereSQLStatement", "namespace = ? AND name IN (?, ?)"),
            ("whereSQLParam", "default"), ("whereSQLParam", "web-1"), ("whereSQLParam", "db-1"));
        // A value is never SQL: upstream's injection example matches nothing.
        var injection = await ListPods(factory, ("whereSQLStatement", "namespace = (?)"), ("whereSQLParam", "'' OR 1 = 1"));
        // A string works where the column is not text, as a quoted literal does.
        var since = await ListPods(factory, ("whereSQLStatement", "created_at >= ?"), ("whereSQLParam", "2024-01-02 00:00:00"));

        Assert.Equal(["c1/default/web-1", "c2/default/db-1"], sink.Keys);
        Assert.Empty(injection.Items);
        Assert.Equal(["c1/default/web-2", "c2/default/db-1"], since.Keys);
    }

    [Fact]
    public async Task JSON_params_are_typed_and_win_over_string_params()
    {
        await using var factory = await Gated(parameterized: true);

        var typed = await ListPods(factory, ("whereSQLStatement", $"{PriorityExpression} = ? AND namespace = ?"),
            ("whereSQLJSONParams", Base64("[5, \"default\"]")), ("whereSQLParam", "ignored"), ("whereSQLParam", "ignored"));
        var greater = await ListPods(factory, ("whereSQLStatement", $"{PriorityExpression} > ?"), ("whereSQLJSONParams", Base64("[6.5]")));
        var list = await ListPods(factory, ("whereSQLStatement", "name IN (?) AND namespace IN ?"),
            ("whereSQLJSONParams", Base64("[[\"web-2\", \"dns\", \"db-1\"], [\"kube-system\", \"default\"]]")));
        var nulls = await ListPods(factory, ("whereSQLStatement", "name = ? OR (name = ? AND ?)"), ("whereSQLJSONParams", Base64("[null, \"db-1\", true]")));

        Assert.Equal(["c1/default/web-1", "c2/default/db-1"], typed.Keys);
        Assert.Equal(["c1/default/web-2"], greater.Keys);
        Assert.Equal(["c1/default/web-2", "c1/kube-system/dns", "c2/default/db-1"], list.Keys);
        Assert.Equal(["c2/default/db-1"], nulls.Keys);
    }

    [Fact]
    public async Task A_question_mark_in_a_string_or_a_comment_is_not_a_placeholder()
    {
        await using var factory = await Gated(parameterized: true);

        var quoted = await ListPods(factory, ("whereSQLStatement", "(name = 'web-1?' OR name = ?) -- which pod?"), ("whereSQLParam", "web-2"));
        var escapedQuote = await ListPods(factory, ("whereSQLStatement", "name <> 'it''s ?' AND name = ? /* ? */"), ("whereSQLParam", "dns"));

        Assert.Equal(["c1/default/web-2"], quoted.Keys);
        Assert.Equal(["c1/kube-system/dns"], escapedQuote.Keys);
    }

    [Fact]
    public async Task The_statement_wins_over_raw_SQL_and_the_raw_gate_also_allows_statements_as_upstream()
    {
        await using var both = await Gated(raw: true, parameterized: true);
        await using var rawOnly = await Gated(raw: true);

        var wins = await ListPods(both, ("whereSQL", "1 = 0"), ("whereSQLStatement", "name = ?"), ("whereSQLParam", "web-1"));
        var statement = await ListPods(rawOnly, ("whereSQLStatement", "name = ?"), ("whereSQLParam", "dns"));

        Assert.Equal(["c1/default/web-1"], wins.Keys);
        Assert.Equal(["c1/kube-system/dns"], statement.Keys);
    }

    [Fact]
    public async Task The_condition_applies_to_the_remaining_count_and_to_collection_resources()
    {
        await using var factory = await Gated(raw: true, parameterized: true);

        var page = await ListPods(factory, ("whereSQLStatement", "namespace = ?"), ("whereSQLParam", "default"), ("limit", "1"), ("withRemainingCount", "true"));
        var any = await ListAny(factory, ("whereSQL", "namespace = 'default' AND name <> 'web-1'"), ("limit", "1"), ("withRemainingCount", "true"));
        var anyStatement = await ListAny(factory, ("whereSQLStatement", "name = ?"), ("whereSQLParam", "dns"));

        Assert.Equal(["c1/default/web-1"], page.Keys);
        Assert.Equal(2, page.Result!.Value.RemainingItemCount);
        Assert.Equal(["c1/default/web-2"], any.Keys);
        Assert.Equal(1, any.Result!.Value.RemainingItemCount);
        Assert.Equal(["c1/kube-system/dns"], anyStatement.Keys);
    }

    [Theory]
    [InlineData("name = ? AND namespace = ?", 1, "has 2 '?' placeholder(s) outside quotes but 1 parameter(s) were given in whereSQLParam")]
    [InlineData("name = 'web-1'", 1, "has 0 '?' placeholder(s) outside quotes but 1 parameter(s) were given in whereSQLParam")]
    public async Task A_placeholder_count_that_differs_from_the_params_is_refused(string statement, int count, string message)
    {
        await using var factory = await Gated(parameterized: true);

        var e = await Refused(factory, [("whereSQLStatement", statement), .. Enumerable.Repeat(("whereSQLParam", "web-1"), count)]);

        Assert.Equal("whereSQLStatement", e.Parameter);
        Assert.Equal("invalid whereSQLStatement: " + message, e.Message);
    }

    [Theory]
    [InlineData("whereSQLParam", "web-1", "whereSQLStatement", "required when either whereSQLParam or whereSQLJSONParams was provided")]
    [InlineData("whereSQLJSONParams", "A===", "whereSQLJSONParams", "failed to decode base64 string")]
    [InlineData("whereSQLJSONParams", "eyJhIjox", "whereSQLJSONParams", "failed to unmarshal decoded base64 string to JSON array")]
    [InlineData("whereSQLJSONParams", "eyJhIjoxfQ==", "whereSQLJSONParams", "the decoded JSON is an object, not an array")]
    [InlineData("whereSQLJSONParams", "W3siYSI6MX1d", "whereSQLJSONParams", "parameter 0 is an object")]
    public async Task Params_without_a_statement_and_bad_base64_or_JSON_are_refused_naming_the_parameter(string key, string value, string parameter, string message)
    {
        await using var factory = await Gated(parameterized: true);
        (string, string)[] statement = key == "whereSQLParam" ? [] : [("whereSQLStatement", "name = ?")];

        var e = await Refused(factory, [.. statement, (key, value)]);

        Assert.Equal(parameter, e.Parameter);
        Assert.StartsWith($"invalid {parameter}: {message}", e.Message);
    }

    [Theory]
    [InlineData("name = 'x') OR (1 = 1", "has a ')' without its '(' at position 10")]
    [InlineData("(name = 'x'", "has a '(' without its ')'")]
    [InlineData("name = 'x'; DELETE FROM resources", "must be one condition; ';' is not allowed outside quotes")]
    [InlineData("name = 'x", "has an unterminated string")]
    [InlineData("name = 'x' /* ", "has an unterminated /* comment")]
    public async Task SQL_that_is_not_one_condition_is_refused(string sql, string message)
    {
        await using var factory = await Gated(raw: true);

        var e = await Refused(factory, ("whereSQL", sql));

        Assert.Equal("invalid whereSQL: " + message, e.Message);
        Assert.Equal(4, (await ListPods(factory)).Items.Count);
    }

    [Theory]
    [InlineData("whereSQL", "no_such_column = 1", "no_such_column")]
    [InlineData("whereSQL", "name = = 'x'", "")]
    [InlineData("whereSQLStatement", "no_such_function(name) = ?", "no_such_function")]
    public async Task A_database_error_in_the_clients_SQL_is_Invalid_with_the_databases_message(string parameter, string sql, string mentioned)
    {
        await using var factory = await Gated(raw: true, parameterized: true);
        (string, string)[] param = parameter == "whereSQL" ? [] : [("whereSQLParam", "x")];

        var e = await Assert.ThrowsAsync<StorageException>(() => ListPods(factory, [(parameter, sql), .. param]));
        var inCollection = await Assert.ThrowsAsync<StorageException>(() => ListAny(factory, [(parameter, sql), .. param]));

        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.False(e.IsRecoverable);
        Assert.StartsWith($"Storage<internal>: list v1/pods: {parameter}: ", e.Message);
        Assert.StartsWith($"Storage<internal>: list collection resource any: {parameter}: ", inCollection.Message);
        Assert.Contains(mentioned, e.Message);
        Assert.Equal(StorageErrorKind.Invalid, inCollection.Kind);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_is_Invalid()
    {
        await using var factory = await Gated(parameterized: true);

        var e = await Assert.ThrowsAsync<StorageException>(() => ListPods(factory, ("whereSQLStatement", IsPostgres ? "created_at > ?" : "EXP(?) > 0"),
            ("whereSQLParam", IsPostgres ? "not a time" : "1000")));

        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresWhereSqlTests(PostgresServer server) : WhereSqlTests(server)
{
    protected override string PriorityExpression => "CAST(\"object\"->'spec'->>'priority' AS numeric)";

    [Theory]
    [InlineData("name = @nope", "nope")]
    [InlineData("name = ?", "syntax error")]
    public async Task An_at_sign_or_a_question_mark_in_raw_SQL_is_PostgreSQLs_to_judge(string sql, string mentioned)
    {
        var gates = new Dictionary<string, bool> { ["AllowRawSQLQuery"] = true };
        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(Database), _ => null) { FeatureGates = gates }, default);

        var e = await Assert.ThrowsAsync<StorageException>(() => factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true))
            .ListAsync(Parse(("whereSQL", sql)), new CollectingSink(), default).AsTask());

        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.Contains(mentioned, e.Message);
    }

    [Fact]
    public async Task Dollar_quotes_and_escape_strings_hide_question_marks()
    {
        var gates = new Dictionary<string, bool> { ["AllowParameterizedSQLQuery"] = true };
        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(Database), _ => null) { FeatureGates = gates }, default);
        var sink = new CollectingSink();

        await factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true)).ListAsync(
            Parse(("whereSQLStatement", "name <> $$?$$ AND name <> E'\\'?' AND name <> $tag$ ' ? $tag$ AND name = ?"), ("whereSQLParam", "web-2")), sink, default);

        Assert.Equal(["c1/default/web-2"], sink.Keys);
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbWhereSqlTests(MariaDbServer server) : WhereSqlTests(server)
{
    protected override string PriorityExpression => "JSON_EXTRACT(`object`, '$.spec.priority')";

    [Fact]
    public async Task Backslash_escapes_backticks_and_hash_comments_hide_question_marks()
    {
        var gates = new Dictionary<string, bool> { ["AllowParameterizedSQLQuery"] = true };
        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(Database), _ => null) { FeatureGates = gates }, default);
        var sink = new CollectingSink();

        await factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true)).ListAsync(
            Parse(("whereSQLStatement", "name <> 'x\\'?' AND name <> \"?\" AND `name` = ? # what?"), ("whereSQLParam", "web-2")), sink, default);

        Assert.Equal(["c1/default/web-2"], sink.Keys);
    }

    [Theory]
    [InlineData("whereSQL", "name = 'x' /*! ) OR (1 = 1 */", "has an executable comment (/*! ... */), which is not allowed")]
    [InlineData("whereSQL", "name = @p0", "has '@' at position 7: MySQL user variables are not available here (pass values with ? and whereSQLParam)")]
    [InlineData("whereSQLStatement", "name = @nope OR name = ?", "has '@' at position 7: MySQL user variables are not available here (pass values with ? and whereSQLParam)")]
    [InlineData("whereSQL", "name = ?", "has a '?' outside quotes at position 7; pass values with whereSQLStatement and whereSQLParam")]
    public async Task What_MySQL_or_its_driver_would_misread_is_refused(string parameter, string sql, string message)
    {
        var gates = new Dictionary<string, bool> { ["AllowRawSQLQuery"] = true, ["AllowParameterizedSQLQuery"] = true };
        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(Database), _ => null) { FeatureGates = gates }, default);
        (string, string)[] param = parameter == "whereSQL" ? [] : [("whereSQLParam", "x")];
        var system = new CollectingSink();

        var e = await Assert.ThrowsAsync<ListOptionsException>(() =>
            factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true)).ListAsync(
                Parse([(parameter, sql), .. param]), new CollectingSink(), default).AsTask());
        // A system variable is fine.
        await factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true)).ListAsync(
            Parse(("whereSQL", "@@autocommit = 1 AND name = 'dns'")), system, default);

        Assert.Equal($"invalid {parameter}: {message}", e.Message);
        Assert.Equal(["c1/kube-system/dns"], system.Keys);
    }
}
