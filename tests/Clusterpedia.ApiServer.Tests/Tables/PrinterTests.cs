using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Tables;
using Clusterpedia.Objects;
using Clusterpedia.ApiServer.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Tests.Tables;

public sealed class PrinterTests
{
    private static readonly DateTimeOffset Now = TestObjects.Created.AddDays(2).AddHours(4);

    private static string[] Print(GroupResource resource, JsonObject obj)
    {
        var printer = TablePrinters.For(resource);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            using var doc = JsonDocument.Parse(obj.ToJsonString());
            printer.WriteCells(w, doc.RootElement, Now);
            w.WriteEndArray();
        }
        var cells = JsonNode.Parse(buffer.WrittenSpan)!.AsArray().Select(c => c!.ToString()).ToArray();
        Assert.Equal(printer.Columns.Count, cells.Length);
        return cells;
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(310, "5m10s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 5 * 60, "3h5m")]
    [InlineData(8 * 3600 + 59, "8h")]
    [InlineData(2 * 86400 + 4 * 3600, "2d4h")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(-5, "<invalid>")]
    public void Ages_read_like_kubectl(int seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Crash_looping_pod_shows_the_waiting_reason_and_last_restart()
    {
        var pod = TestObjects.Pod("c1", "default", "p");
        pod["status"]!["containerStatuses"] = new JsonArray(new JsonObject
        {
            ["name"] = "app",
            ["ready"] = false,
            ["restartCount"] = 7,
            ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff" } },
            ["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["finishedAt"] = Now.AddMinutes(-5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } },
        });
        var cells = Print(new("", "pods"), pod);
        Assert.Equal(["p", "0/1", "CrashLoopBackOff", "7 (5m ago)", "2d4h"], cells.Take(5));
    }

    [Fact]
    public void Init_containers_and_terminating_pods()
    {
        var pod = TestObjects.Pod("c1", "default", "p", phase: "Pending");
        pod["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "init" }, new JsonObject { ["name"] = "init2" });
        pod["status"]!["initContainerStatuses"] = new JsonArray(
            new JsonObject { ["name"] = "init", ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0 } } },
            new JsonObject { ["name"] = "init2", ["state"] = new JsonObject { ["running"] = new JsonObject() } });
        Assert.Equal("Init:1/2", Print(new("", "pods"), pod)[2]);

        var terminating = TestObjects.Pod("c1", "default", "t");
        terminating["metadata"]!["deletionTimestamp"] = "2026-11-27T11:00:00Z";
        Assert.Equal("Terminating", Print(new("", "pods"), terminating)[2]);
    }

    [Fact]
    public void Service_columns()
    {
        var svc = TestObjects.Object("v1", "Service", "c1", "default", "web");
        svc["spec"] = JsonNode.Parse("""{"type":"NodePort","clusterIP":"10.96.0.10","ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}],"selector":{"b":"2","a":"1"}}""");
        Assert.Equal(["web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "2d4h", "a=1,b=2"], Print(new("", "services"), svc));
    }

    [Fact]
    public void Job_cronjob_configmap_secret_and_event_columns()
    {
        var job = TestObjects.Object("batch/v1", "Job", "c1", "default", "j");
        job["spec"] = JsonNode.Parse("""{"completions":3}""");
        job["status"] = JsonNode.Parse("""{"succeeded":3,"startTime":"2026-11-27T10:00:00Z","completionTime":"2026-11-27T10:01:30Z","conditions":[{"type":"Complete","status":"True"}]}""");
        Assert.Equal(["j", "Complete", "3/3", "90s", "2d4h"], Print(new("batch", "jobs"), job).Take(5));

        var cj = TestObjects.Object("batch/v1", "CronJob", "c1", "default", "cj");
        cj["spec"] = JsonNode.Parse("""{"schedule":"*/5 * * * *","suspend":false}""");
        Assert.Equal(["cj", "*/5 * * * *", "<none>", "False", "0", "<none>", "2d4h"], Print(new("batch", "cronjobs"), cj).Take(7));

        var cm = TestObjects.Object("v1", "ConfigMap", "c1", "default", "cm");
        cm["data"] = JsonNode.Parse("""{"a":"1","b":"2"}""");
        Assert.Equal(["cm", "2", "2d4h"], Print(new("", "configmaps"), cm));

        var secret = TestObjects.Object("v1", "Secret", "c1", "default", "s");
        secret["type"] = "Opaque";
        secret["data"] = JsonNode.Parse("""{"a":"MQ=="}""");
        Assert.Equal(["s", "Opaque", "1", "2d4h"], Print(new("", "secrets"), secret));

        var ev = TestObjects.Object("v1", "Event", "c1", "default", "e1");
        ev["type"] = "Warning";
        ev["reason"] = "BackOff";
        ev["message"] = "Back-off restarting failed container";
        ev["involvedObject"] = JsonNode.Parse("""{"kind":"Pod","name":"web-1"}""");
        ev["lastTimestamp"] = Now.AddMinutes(-3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        Assert.Equal(["3m", "Warning", "BackOff", "pod/web-1"], Print(new("", "events"), ev).Take(4));
    }

    [Fact]
    public void Every_kind_the_brief_names_has_a_printer()
    {
        foreach (var (group, resource) in new[]
        {
            ("", "pods"), ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"),
            ("batch", "jobs"), ("batch", "cronjobs"), ("", "services"), ("networking.k8s.io", "ingresses"), ("", "configmaps"),
            ("", "secrets"), ("", "namespaces"), ("", "nodes"), ("", "persistentvolumes"), ("", "persistentvolumeclaims"),
            ("", "events"), ("", "serviceaccounts"), ("", "endpoints"),
        })
        {
            var printer = TablePrinters.For(new GroupResource(group, resource));
            Assert.NotSame(TablePrinters.Default, printer);
            // Every printer can print an empty object of its kind without failing.
            Print(new GroupResource(group, resource), TestObjects.Object("v1", "X", "c1", "default", "x"));
        }
    }
}
