using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Clusterpedia.EndToEnd.Tests.Demo;

/// <summary>The demo's answer to a port in use: it stops before building anything, naming the port and DEMO_PORT.</summary>
public sealed class DemoPortTests
{
    [Fact]
    public async Task A_port_in_use_stops_it_before_building_naming_the_port_and_DEMO_PORT()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var folder = Directory.CreateTempSubdirectory("clusterpedia-e2e-demo-port-");
        try
        {
            var (exitCode, stdout, stderr) = await HostProcess.RunAsync("bash", [RunningDemo.ScriptPath], TimeSpan.FromSeconds(60),
                environment: new Dictionary<string, string>
                {
                    ["DEMO_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                    ["DEMO_DIR"] = Path.Combine(folder.FullName, "demo"),
                });

            Assert.Equal(1, exitCode);
            Assert.Contains($"port {port} on 127.0.0.1 is in use", stderr);
            Assert.Contains("set DEMO_PORT to a free port", stderr);
            Assert.DoesNotContain("building", stdout);
            Assert.False(Directory.Exists(Path.Combine(folder.FullName, "demo")), "the demo created its folder before checking the ports");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
