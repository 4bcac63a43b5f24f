namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// The internal layer's feature gates (upstream internalstorage features.go), both alpha and off by default. They
/// let API clients add their own SQL to the WHERE clause of a list (<see cref="WhereSql"/>), so only trusted clients
/// should reach an API server that turns them on.
/// </summary>
/// <param name="AllowRaw"><c>AllowRawSQLQuery</c>: <c>whereSQL=&lt;fragment&gt;</c> (and, as upstream, the parameterized form).</param>
/// <param name="AllowParameterized"><c>AllowParameterizedSQLQuery</c>: <c>whereSQLStatement</c> with <c>whereSQLParam</c> or <c>whereSQLJSONParams</c>.</param>
internal readonly record struct WhereSqlGates(bool AllowRaw, bool AllowParameterized)
{
    public const string RawGate = "AllowRawSQLQuery";
    public const string ParameterizedGate = "AllowParameterizedSQLQuery";

    public static WhereSqlGates From(StorageLayerOptions options) =>
        new(options.IsEnabled(RawGate), options.IsEnabled(ParameterizedGate));
}
