namespace Clusterpedia.Storage.Internal.Config;

/// <summary>The engine behind the internal storage (config key <c>type</c>).</summary>
public enum DatabaseType
{
    Postgres,
    MySql,
}
