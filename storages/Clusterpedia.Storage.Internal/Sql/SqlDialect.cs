using System.Data.Common;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Config;
using Clusterpedia.Storage.Internal.Logging;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// What differs between PostgreSQL and MySQL/MariaDB: quoting, JSON path predicates, upserts, the schema, reading
/// the object column and error classification. Everything else (the query shape) is shared.
/// </summary>
internal abstract class SqlDialect(DbDataSource dataSource, InternalStorageSettings settings) : IAsyncDisposable
{
    public const string Table = "resources";

    public DbDataSource DataSource { get; } = dataSource;
    public InternalStorageSettings Settings { get; } = settings;

    /// <summary>The SQL log; null when nothing is logged (then statements are neither timed nor formatted).</summary>
    public SqlLog? Log { get; init; }

    /// <summary>The engine's name in messages.</summary>
    public abstract string Engine { get; }

    /// <summary>The <c>group</c> column, quoted (a reserved word).</summary>
    public abstract string Group { get; }

    public abstract DbParameter Parameter(object? value);

    /// <summary>
    /// A parameter of a client's SQL statement (<see cref="WhereSql"/>). Strings are sent the way the engine treats a
    /// quoted literal, so <c>created_at &gt; ?</c> works with a string as it does with <c>'2024-01-01'</c>.
    /// </summary>
    public abstract DbParameter ClientParameter(object? value);

    /// <summary>A parameter holding JSON text, typed as the engine's JSON type where it has one.</summary>
    public abstract DbParameter JsonParameter(string json);

    /// <summary>The JSON value at <paramref name="path"/> of the object as text (numbers and booleans as their JSON text); NULL when missing.</summary>
    public abstract string JsonText(SqlText q, IReadOnlyList<string> path);

    /// <summary>A predicate that is true when <paramref name="path"/> does not exist in the object.</summary>
    public abstract string JsonMissing(SqlText q, IReadOnlyList<string> path);

    /// <summary>Numeric value of a text expression, for ordering resourceVersion as a number.</summary>
    public abstract string Numeric(string expression);

    /// <summary>The <c>{apiVersion, kind, metadata}</c> projection built in SQL.</summary>
    public abstract string MetadataOnlyObject { get; }

    /// <summary><c>apiVersion</c> of a row from its group and version columns.</summary>
    public string ApiVersion => $"CASE WHEN {Group} = '' THEN version ELSE CONCAT({Group}, '/', version) END";

    /// <summary>
    /// The first sort key as an expression no index provides, used when a selective index (labels, names, owner) should
    /// drive the plan instead of an ordered scan. Engines whose planner needs no such hint return the key unchanged.
    /// </summary>
    public virtual string WithoutIndexOrder(string expression, string field) => expression;

    /// <summary>
    /// Whether the planner turns a row-value comparison <c>(a, b, c) &gt; (x, y, z)</c> into an index range. Where it does
    /// not (MariaDB scans the whole index for one), cursors are written as <c>a &gt; x OR (a = x AND b &gt; y) OR ...</c>.
    /// </summary>
    public virtual bool RangeScansRowValues => true;

    /// <summary>Whether owner searches are resolved to a uid set before the list (<see cref="OwnerChain"/>).</summary>
    public virtual bool ResolvesOwnersFirst => false;

    /// <summary>Label requirement on <c>metadata.labels</c>; engines with a better plan override it.</summary>
    public virtual string LabelPredicate(SqlText q, LabelRequirement r) =>
        JsonPredicate(q, ["metadata", "labels", r.Key], r.Operator, r.Values);

    /// <summary>
    /// A selector requirement on a JSON path, with Kubernetes semantics: <c>!=</c> and <c>notin</c> also match
    /// objects without the field; <c>gt</c>/<c>lt</c> compare integers.
    /// </summary>
    public string JsonPredicate(SqlText q, IReadOnlyList<string> path, SelectorOperator op, IReadOnlyList<string> values)
    {
        var text = JsonText(q, path);
        return op switch
        {
            SelectorOperator.Equals or SelectorOperator.In => values.Count == 1 ? $"{text} = {q.Param(values[0])}" : $"{text} IN {q.List(values)}",
            SelectorOperator.NotEquals or SelectorOperator.NotIn => values.Count == 1
                ? $"({JsonMissing(q, path)} OR {text} <> {q.Param(values[0])})"
                : $"({JsonMissing(q, path)} OR {text} NOT IN {q.List(values)})",
            SelectorOperator.Exists => $"NOT {JsonMissing(q, path)}",
            SelectorOperator.DoesNotExist => JsonMissing(q, path),
            SelectorOperator.GreaterThan => IntegerCompare(text, ">", q.Param(long.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture))),
            SelectorOperator.LessThan => IntegerCompare(text, "<", q.Param(long.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture))),
            _ => throw StorageException.Invalid($"Storage<internal>: unsupported operator {op}"),
        };
    }

    /// <summary>True when <paramref name="text"/> is an integer and compares as asked; false otherwise (never an error).</summary>
    protected abstract string IntegerCompare(string text, string op, string parameter);

    /// <summary>INSERT of one row; with <paramref name="upsert"/> an existing key is replaced.</summary>
    public abstract void Insert(SqlText q, ResourceKey key, ResourceRow row, bool upsert);

    /// <summary>Inserts or replaces many rows of one resource and cluster; rows have distinct keys.</summary>
    public abstract Task UpsertBatchAsync(DbConnection connection, ResourceKey key, IReadOnlyList<ResourceRow> rows, CancellationToken cancellationToken);

    /// <summary>Sets <c>events[eventUid]</c> and <c>event_resource_versions[eventKey]</c> on the involved object's row.</summary>
    public abstract void RecordEvent(SqlText q, string cluster, string involvedUid, string eventUid, string eventJson, string eventKey, string eventResourceVersion);

    /// <summary>The <c>now</c> written to synced_at.</summary>
    public abstract string Now { get; }

    public abstract bool IsUniqueViolation(Exception e);

    /// <summary>Transient failures the synchro should retry (connection, timeout, shutdown, lock, read-only, configured codes).</summary>
    public abstract bool IsRecoverable(Exception e);

    /// <summary>
    /// Creates the table and indexes when missing (never altering upstream's columns), then repairs stored objects
    /// without apiVersion or kind once per database (<see cref="Schema.TypeMetaRepair"/>), reporting what it did to
    /// <paramref name="report"/>.
    /// </summary>
    public abstract Task EnsureSchemaAsync(TextWriter report, CancellationToken cancellationToken);

    /// <summary>Reads a JSON column into <paramref name="buffer"/> (reused across rows) and returns the bytes.</summary>
    public abstract ReadOnlyMemory<byte> ReadJson(DbDataReader reader, int ordinal, ref byte[] buffer);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        if (Log is not null) await Log.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The server (or the driver, for placeholders) refused the statement itself: a syntax error, an unknown column or
    /// function, a type mismatch, a value that does not convert. Only a client's SQL causes these in our queries.
    /// </summary>
    public abstract bool IsStatementError(Exception e);

    /// <summary>The statement ran past its CommandTimeout (or a server-side execution limit) and was cancelled.</summary>
    public abstract bool IsTimeout(Exception e);

    /// <summary>Maps a database exception to a storage exception: Timeout, Recoverable or Fatal.</summary>
    public StorageException Classify(Exception e, string what) =>
        e is StorageException se ? se
        : IsTimeout(e) ? StorageException.Timeout($"Storage<internal>: {what}: the statement ran longer than the statement timeout ({Settings.StatementTimeout.TotalSeconds:0.#}s) and was cancelled", e)
        : IsRecoverable(e) ? StorageException.Recoverable($"Storage<internal>: {what}: {e.Message}", e)
        : StorageException.Fatal($"Storage<internal>: {what}: {e.Message}", e);

    /// <summary>As <see cref="Classify(Exception, string)"/>, but a statement the client's SQL broke is Invalid (400) with the server's message.</summary>
    public StorageException Classify(Exception e, string what, WhereSql? clientSql) =>
        clientSql is not null && e is not StorageException && IsStatementError(e)
            ? StorageException.Invalid($"Storage<internal>: {what}: {clientSql.Parameter}: {e.Message}")
            : Classify(e, what);

    /// <summary>Copies a stream into the reusable buffer.</summary>
    protected static ReadOnlyMemory<byte> ReadStream(Stream stream, ref byte[] buffer)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0) return buffer.AsMemory(0, length);
            length += n;
        }
    }
}

/// <summary>The constant part of a row's unique key for one storage resource in one cluster.</summary>
internal readonly record struct ResourceKey(GroupVersionResource Resource, string Kind, string Cluster);
