using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Clusterpedia.Benchmarks;

/// <summary>Times a statement in psql: <c>\timing on</c>, unaligned results to /dev/null, the "Time:" lines parsed.</summary>
internal static class Psql
{
    public static List<double> Time(NpgsqlConnectionStringBuilder csb, string sql, int warmUp, int runs)
    {
        var script = new StringBuilder("\\timing on\n");
        for (var i = 0; i < warmUp + runs; i++) script.Append(sql).Append(";\n");
        var file = Path.GetTempFileName();
        File.WriteAllText(file, script.ToString());
        var info = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", csb.Host!, "-p", csb.Port.ToString(CultureInfo.InvariantCulture),
                     "-U", csb.Username!, "-d", csb.Database!, "-o", "/dev/null", "-f", file])
            info.ArgumentList.Add(a);
        if (csb.Password is { Length: > 0 } pw) info.Environment["PGPASSWORD"] = pw;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        File.Delete(file);
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed: {error}");
        var times = output.Split('\n').Where(l => l.StartsWith("Time: ", StringComparison.Ordinal))
            .Select(l => double.Parse(l["Time: ".Length..].Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        return times.Skip(warmUp).ToList();
    }
}
