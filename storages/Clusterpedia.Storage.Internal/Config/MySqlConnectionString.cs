using System.Globalization;
using MySqlConnector;

namespace Clusterpedia.Storage.Internal.Config;

/// <summary>
/// Builds a MySqlConnector connection string from the config as upstream builds its go-sql-driver DSN: either
/// <c>dsn</c> (<c>user:pass@tcp(host:port)/db?param=value</c>) or the separate keys, TLS, <c>mysql.*</c> and <c>params</c>.
/// </summary>
internal static class MySqlConnectionString
{
    public static string Build(InternalStorageConfig config, string source, int maxOpen, TimeSpan lifetime)
    {
        var b = new MySqlConnectionStringBuilder();
        var parameters = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(config.Dsn))
        {
            ParseDsn(config.Dsn, source, b, parameters);
            if (string.IsNullOrEmpty(b.Password) && !string.IsNullOrEmpty(config.Password)) b.Password = config.Password;
        }
        else
        {
            var host = string.IsNullOrEmpty(config.Host) ? "127.0.0.1" : config.Host;
            if (config.Network == "unix")
            {
                b.Server = host;
                b.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
            }
            else
            {
                b.Server = host;
                if (config.Port is { } port) b.Port = uint.Parse(port, CultureInfo.InvariantCulture);
            }
            if (!string.IsNullOrEmpty(config.User)) b.UserID = config.User;
            if (!string.IsNullOrEmpty(config.Password)) b.Password = config.Password;
            b.Database = config.Database;
        }
        ApplyTls(config, source, b);
        ApplyDriverKnobs(config.Mysql, source, b);
        parameters.AddRange(config.Params ?? []);
        foreach (var (key, value) in parameters) SetParam(b, key, value, source);

        b.MaximumPoolSize = (uint)maxOpen;
        if (lifetime > TimeSpan.Zero) b.ConnectionLifeTime = (uint)lifetime.TotalSeconds;
        // Found rows (not changed rows), so an update that rewrites identical values still counts as a match.
        b.UseAffectedRows = false;
        b.GuidFormat = MySqlGuidFormat.None;
        b.ConvertZeroDateTime = true;
        return b.ConnectionString;
    }

    private static void ApplyTls(InternalStorageConfig config, string source, MySqlConnectionStringBuilder b)
    {
        if (string.IsNullOrEmpty(config.SslCertFile) != string.IsNullOrEmpty(config.SslKeyFile))
            throw new StorageConfigException($"storage config {source}: sslCertFile and sslKeyFile must be given together");
        var hasRoot = !string.IsNullOrEmpty(config.SslRootCertFile);
        b.SslMode = (config.SslMode ?? "").ToLowerInvariant() switch
        {
            "" or "false" or "disable" => MySqlSslMode.None,
            "skip-verify" or "allow" or "prefer" => MySqlSslMode.Required,
            // As upstream: require verifies nothing when a root cert is given, else it verifies the chain.
            "require" => hasRoot ? MySqlSslMode.Required : MySqlSslMode.VerifyCA,
            "verify-ca" => MySqlSslMode.VerifyCA,
            "verify-full" => MySqlSslMode.VerifyFull,
            _ => throw new StorageConfigException(
                $"storage config {source}: sslMode must be one of disable, skip-verify, allow, prefer, require, verify-ca, verify-full; got '{config.SslMode}'"),
        };
        if (hasRoot) b.SslCa = config.SslRootCertFile;
        if (!string.IsNullOrEmpty(config.SslCertFile)) b.SslCert = config.SslCertFile;
        if (!string.IsNullOrEmpty(config.SslKeyFile)) b.SslKey = config.SslKeyFile;
    }

    private static void ApplyDriverKnobs(MySqlConfig? mysql, string source, MySqlConnectionStringBuilder b)
    {
        if (mysql is null) return;
        if (ConfigLoader.Duration(mysql.DialTimeout, "mysql.dialTimeout", source) is { } dial)
            b.ConnectionTimeout = (uint)Math.Max(1, Math.Ceiling(dial.TotalSeconds));
        var io = new[]
        {
            ConfigLoader.Duration(mysql.ReadTimeout, "mysql.readTimeout", source),
            ConfigLoader.Duration(mysql.WriteTimeout, "mysql.writeTimeout", source),
        }.Where(t => t is not null).Select(t => t!.Value).ToList();
        if (io.Count > 0) b.DefaultCommandTimeout = (uint)Math.Max(1, Math.Ceiling(io.Max().TotalSeconds));
        if (!string.IsNullOrEmpty(mysql.ServerPubKey)) b.ServerRsaPublicKeyFile = mysql.ServerPubKey;
        if (mysql.AllowAllFiles is { } allFiles) b.AllowLoadLocalInfile = allFiles;
        // clientFoundRows: the storage always counts found rows (an update of identical values matches).
        // maxAllowedPacket, loc, parseTime, interpolateParams, multiStatements, columnsWithAlias, rejectReadOnly,
        // checkConnLiveness and the password-plugin switches have no MySqlConnector equivalent or are the default.
    }

    // go-sql-driver parameters; those with an equivalent are mapped, go-only ones are accepted and ignored.
    private static void SetParam(MySqlConnectionStringBuilder b, string key, string value, string source)
    {
        switch (key)
        {
            case "charset": b.CharacterSet = value.Split(',')[0]; return;
            case "timeout":
                b.ConnectionTimeout = (uint)Math.Max(1, Math.Ceiling((ConfigLoader.Duration(value, $"params.{key}", source) ?? TimeSpan.Zero).TotalSeconds));
                return;
            case "tls": return;
            case "parseTime" or "loc" or "collation" or "readTimeout" or "writeTimeout" or "interpolateParams" or "multiStatements"
                or "columnsWithAlias" or "rejectReadOnly" or "checkConnLiveness" or "clientFoundRows" or "maxAllowedPacket"
                or "allowNativePasswords" or "allowOldPasswords" or "allowCleartextPasswords" or "allowAllFiles" or "serverPubKey"
                or "time_zone" or "sql_mode" or "autocommit":
                return;
        }
        try
        {
            b[key] = value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new StorageConfigException($"storage config {source}: params.{key}: unsupported MySQL setting '{key}={value}': {e.Message}", e);
        }
    }

    /// <summary><c>[user[:password]@][net[(addr)]]/dbname[?param1=value1&amp;...]</c>, as go-sql-driver/mysql.</summary>
    private static void ParseDsn(string dsn, string source, MySqlConnectionStringBuilder b, List<KeyValuePair<string, string>> parameters)
    {
        var slash = dsn.LastIndexOf('/');
        if (slash < 0) throw new StorageConfigException($"storage config {source}: dsn has no '/dbname' part");
        var head = dsn[..slash];
        var tail = dsn[(slash + 1)..];
        var q = tail.IndexOf('?');
        b.Database = Uri.UnescapeDataString(q < 0 ? tail : tail[..q]);
        if (q >= 0)
        {
            foreach (var pair in tail[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                parameters.Add(new(kv[0], kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : ""));
            }
        }
        var at = head.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = head[..at];
            var colon = userInfo.IndexOf(':');
            b.UserID = colon < 0 ? userInfo : userInfo[..colon];
            if (colon >= 0) b.Password = userInfo[(colon + 1)..];
            head = head[(at + 1)..];
        }
        if (head.Length == 0) return;
        var open = head.IndexOf('(');
        var net = open < 0 ? head : head[..open];
        var addr = open < 0 ? "" : head[(open + 1)..].TrimEnd(')');
        if (net == "unix")
        {
            b.Server = addr.Length > 0 ? addr : "/tmp/mysql.sock";
            b.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
        }
        else if (net == "tcp")
        {
            if (addr.Length == 0) return;
            var colon = addr.LastIndexOf(':');
            b.Server = colon < 0 ? addr : addr[..colon].Trim('[', ']');
            if (colon >= 0) b.Port = uint.Parse(addr[(colon + 1)..], CultureInfo.InvariantCulture);
        }
        else throw new StorageConfigException($"storage config {source}: dsn network '{net}' is not tcp or unix");
    }
}
