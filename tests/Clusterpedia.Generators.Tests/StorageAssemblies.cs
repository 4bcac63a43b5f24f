namespace Clusterpedia.Generators.Tests;

/// <summary>
/// The storage assemblies most tests reference: memory (direct), postgres (declaring two feature gates), and sql,
/// which only postgres references (a transitive reference, as MSBuild passes it to the host's compiler).
/// </summary>
internal static class StorageAssemblies
{
    public static CompiledAssembly Memory { get; } = TestCompilations.Library(
        "Acme.Storage.Memory",
        StorageSources.Layer("Acme.Storage.Memory", "MemoryStorage", "memory") + """

        namespace Acme.Storage.Memory.Internal
        {
            // Not accessible from the host, so not a storage layer (and not an error).
            [StorageLayer("memory-internal")]
            internal sealed class HiddenStorage
            {
            }
        }
        """);

    public static CompiledAssembly Sql { get; } = TestCompilations.Library(
        "Acme.Storage.Sql", StorageSources.Layer("Acme.Storage.Sql", "SqlStorage", "sql"));

    public static CompiledAssembly Postgres { get; } = TestCompilations.Library(
        "Acme.Storage.Postgres",
        StorageSources.Layer("Acme.Storage.Postgres", "PostgresStorage", "postgres",
            ", FeatureGates = new[] { \"AllowRawSQLQuery\", \"AllowParameterizedSQLQuery\" }") + """

        namespace Acme.Storage.Postgres
        {
            public static class Dialect
            {
                public static string Name => typeof(Acme.Storage.Sql.SqlStorage).Name;
            }
        }
        """,
        Sql.Reference);

    /// <summary>References neither the contract nor anything else: the generator must skip it.</summary>
    public static CompiledAssembly Unrelated { get; } = TestCompilations.Library(
        "Acme.Unrelated", "namespace Acme.Unrelated { public sealed class Helper { } }", includeContract: false);

    public static CompiledAssembly[] All => [Memory, Postgres, Sql, Unrelated];
}
