namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>
/// Pods as PostgreSQL's jsonb text gives them back (keys by length, a space after every ':' and ','), and as a pretty
/// printer writes them, each with the compact JSON we must serve for it, both written by hand. The strings hold spaces,
/// ": " and ", ", escaped quotes and backslashes, escapes and raw non-ASCII, which must come out byte for byte.
/// </summary>
internal static class CompactObjects
{
    public static readonly string[] Stored =
    [
        """{"kind": "Pod", "spec": {"nodeName": "node-1", "containers": [{"args": ["--greeting", "hello, world: \"quoted\"", "C:\\temp\\ ", "tab\there\n"], "name": "app", "image": "nginx:1.27", "ports": [], "resources": {}}]}, "status": {"phase": "Running", "podIP": "10.0.0.7", "message": "all  good , mostly : yes", "conditions": [{"type": "Ready", "status": "True", "priority": -5, "ratio": 0.25}]}, "metadata": {"uid": "c1-default-spacey-uid", "name": "spacey", "labels": {"app": "web server"}, "namespace": "default", "annotations": {"note": "é 日本 🚀 \\u0041 {not: json, [really]}", "empty": "", "shadow.clusterpedia.io/cluster-name": "c1"}, "resourceVersion": "100", "creationTimestamp": "2026-11-27T10:00:00Z"}, "apiVersion": "v1"}""",
        "{\r\n    \"apiVersion\" : \"v1\",\r\n    \"kind\" : \"Pod\",\r\n    \"metadata\" : {\r\n\t\"name\" : \"pretty\",\r\n\t\"namespace\" : \"default\",\r\n\t\"annotations\" : { \"shadow.clusterpedia.io/cluster-name\" : \"c1\", \"quote\" : \"\\\" , \\\\\" }\r\n    },\r\n    \"spec\" : { \"containers\" : [ { \"name\" : \"a b\" } ] , \"nodeName\" : \"node-1\" }\r\n}\r\n",
    ];

    public static readonly string[] Served =
    [
        """{"kind":"Pod","spec":{"nodeName":"node-1","containers":[{"args":["--greeting","hello, world: \"quoted\"","C:\\temp\\ ","tab\there\n"],"name":"app","image":"nginx:1.27","ports":[],"resources":{}}]},"status":{"phase":"Running","podIP":"10.0.0.7","message":"all  good , mostly : yes","conditions":[{"type":"Ready","status":"True","priority":-5,"ratio":0.25}]},"metadata":{"uid":"c1-default-spacey-uid","name":"spacey","labels":{"app":"web server"},"namespace":"default","annotations":{"note":"é 日本 🚀 \\u0041 {not: json, [really]}","empty":"","shadow.clusterpedia.io/cluster-name":"c1"},"resourceVersion":"100","creationTimestamp":"2026-11-27T10:00:00Z"},"apiVersion":"v1"}""",
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"pretty","namespace":"default","annotations":{"shadow.clusterpedia.io/cluster-name":"c1","quote":"\" , \\"}},"spec":{"containers":[{"name":"a b"}],"nodeName":"node-1"}}""",
    ];

    /// <summary>The pods' names, in the order above.</summary>
    public static readonly string[] Names = ["spacey", "pretty"];
}
