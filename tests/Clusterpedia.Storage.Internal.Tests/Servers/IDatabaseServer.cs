namespace Clusterpedia.Storage.Internal.Tests.Servers;

/// <summary>What engine-independent tests need from a running database server.</summary>
public interface IDatabaseServer : IDisposable
{
    /// <summary>The config <c>type</c>: postgres or mysql.</summary>
    string Type { get; }

    string CreateDatabase();

    /// <summary>Writes a config file for the database, with extra YAML lines appended.</summary>
    string WriteConfig(string database, string extra = "");

    /// <summary>Runs raw SQL in the database, as another program (upstream) would.</summary>
    void Execute(string database, string sql);

    /// <summary>The first column of the first row of a raw query, null for SQL NULL.</summary>
    object? Scalar(string database, string sql);

    /// <summary>An open connection to the database, for statements with parameters.</summary>
    System.Data.Common.DbConnection Open(string database);
}
