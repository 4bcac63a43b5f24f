using System.Text;
using Npgsql;

namespace Clusterpedia.Storage.Internal.Config;

/// <summary>
/// Builds an Npgsql connection string from the config as upstream builds its libpq DSN: either <c>dsn</c> (libpq
/// <c>key=value</c> or a <c>postgres://</c> URL) or host/port/user/password/database, SSL files, and <c>params</c>.
/// </summary>
internal static class PostgresConnectionString
{
    public static string Build(InternalStorageConfig config, string source, int maxOpen, TimeSpan lifetime)
    {
        var b = new NpgsqlConnectionStringBuilder();
        if (!string.IsNullOrEmpty(config.Dsn))
        {
            var pairs = config.Dsn.Contains("://", StringComparison.Ordinal) ? ParseUrl(config.Dsn, source) : ParseKeywords(config.Dsn, source);
            foreach (var (key, value) in pairs) Set(b, key, value, "dsn", source);
            // As upstream: a DSN without a password takes DB_PASSWORD (already merged into config.Password).
            if (!config.Dsn.Contains("password", StringComparison.Ordinal) && !string.IsNullOrEmpty(config.Password))
                b.Password = config.Password;
        }
        else
        {
            b.Host = string.IsNullOrEmpty(config.Host) ? "localhost" : config.Host;
            if (config.Port is { } port) b.Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(config.User)) b.Username = config.User;
            if (!string.IsNullOrEmpty(config.Password)) b.Password = config.Password;
            b.Database = config.Database;
            if (!string.IsNullOrEmpty(config.SslMode)) Set(b, "sslmode", config.SslMode, "sslMode", source);
            if (!string.IsNullOrEmpty(config.SslCertFile)) b.SslCertificate = config.SslCertFile;
            // Upstream writes sslKeyFile as sslcert= (a bug); it is the client key.
            if (!string.IsNullOrEmpty(config.SslKeyFile)) b.SslKey = config.SslKeyFile;
            if (!string.IsNullOrEmpty(config.SslRootCertFile)) b.RootCertificate = config.SslRootCertFile;
        }
        // The storage never changes session state, so a pooled connection needs no DISCARD before its next query
        // (one statement less per request); a `params` entry may still turn the reset back on.
        b.NoResetOnClose = true;
        foreach (var (key, value) in config.Params ?? [])
            Set(b, key, value, $"params.{key}", source);

        b.MaxPoolSize = maxOpen;
        if (lifetime > TimeSpan.Zero) b.ConnectionLifetime = (int)lifetime.TotalSeconds;
        return b.ConnectionString;
    }

    // libpq keywords -> Npgsql keywords, for the ones whose spelling differs.
    private static void Set(NpgsqlConnectionStringBuilder b, string key, string value, string configKey, string source)
    {
        var npgsqlKey = key.ToLowerInvariant() switch
        {
            "user" => "Username",
            "dbname" => "Database",
            "sslmode" => "SSL Mode",
            "sslcert" => "SSL Certificate",
            "sslkey" => "SSL Key",
            "sslrootcert" => "Root Certificate",
            "sslpassword" => "SSL Password",
            "connect_timeout" => "Timeout",
            "application_name" => "Application Name",
            "search_path" => "Search Path",
            "target_session_attrs" => "Target Session Attributes",
            "timezone" => "Timezone",
            "client_encoding" => "Client Encoding",
            "keepalives_idle" => "Keepalive",
            _ => key,
        };
        if (npgsqlKey == "SSL Mode") value = SslMode(value, configKey, source);
        try
        {
            b[npgsqlKey] = value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new StorageConfigException($"storage config {source}: {configKey}: unsupported PostgreSQL setting '{key}={value}': {e.Message}", e);
        }
    }

    private static string SslMode(string mode, string configKey, string source) => mode.ToLowerInvariant() switch
    {
        "disable" => "Disable",
        "allow" => "Allow",
        "prefer" => "Prefer",
        "require" => "Require",
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => throw new StorageConfigException(
            $"storage config {source}: {configKey} must be one of disable, allow, prefer, require, verify-ca, verify-full; got '{mode}'"),
    };

    /// <summary>libpq <c>key=value key2='quoted value'</c>.</summary>
    internal static List<KeyValuePair<string, string>> ParseKeywords(string dsn, string source)
    {
        var result = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (true)
        {
            while (i < dsn.Length && char.IsWhiteSpace(dsn[i])) i++;
            if (i >= dsn.Length) return result;
            var eq = dsn.IndexOf('=', i);
            if (eq < 0) throw new StorageConfigException($"storage config {source}: dsn is not a valid key=value list near '{dsn[i..]}'");
            var key = dsn[i..eq].Trim();
            i = eq + 1;
            while (i < dsn.Length && dsn[i] == ' ') i++;
            var value = new StringBuilder();
            if (i < dsn.Length && dsn[i] == '\'')
            {
                i++;
                while (i < dsn.Length && dsn[i] != '\'')
                {
                    if (dsn[i] == '\\' && i + 1 < dsn.Length) i++;
                    value.Append(dsn[i++]);
                }
                if (i >= dsn.Length) throw new StorageConfigException($"storage config {source}: dsn has an unterminated quote");
                i++;
            }
            else
            {
                while (i < dsn.Length && !char.IsWhiteSpace(dsn[i]))
                {
                    if (dsn[i] == '\\' && i + 1 < dsn.Length) i++;
                    value.Append(dsn[i++]);
                }
            }
            result.Add(new(key, value.ToString()));
        }
    }

    /// <summary><c>postgres://user:password@host:port/database?sslmode=...</c>.</summary>
    private static List<KeyValuePair<string, string>> ParseUrl(string dsn, string source)
    {
        if (!Uri.TryCreate(dsn, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new StorageConfigException($"storage config {source}: dsn is not a postgres:// URL");
        var result = new List<KeyValuePair<string, string>>();
        if (uri.Host.Length > 0) result.Add(new("host", uri.Host));
        if (!uri.IsDefaultPort && uri.Port > 0) result.Add(new("port", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            result.Add(new("user", Uri.UnescapeDataString(parts[0])));
            if (parts.Length == 2) result.Add(new("password", Uri.UnescapeDataString(parts[1])));
        }
        var database = uri.AbsolutePath.TrimStart('/');
        if (database.Length > 0) result.Add(new("dbname", Uri.UnescapeDataString(database)));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            result.Add(new(Uri.UnescapeDataString(kv[0]), kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : ""));
        }
        return result;
    }
}
