using Clusterpedia.Tests.Query;

namespace Clusterpedia.EndToEnd.Tests.Hardening;

/// <summary>
/// The hostile corpus of issue 12: every malformed query of <see cref="MalformedSearchParameters"/> (each must be 400)
/// on a resource list and a collection resource, plus injection attempts, reproducers of past 500s and the sizes a
/// real kubectl sends (each must be below 500). <c>{cluster}</c> in a path is the member's name.
/// </summary>
public static class HostileRequests
{
    public const string Resources = "/apis/clusterpedia.io/v1beta1/resources";
    public const string Collection = "/apis/clusterpedia.io/v1beta1/collectionresources/workloads";

    /// <param name="Path">Path and query, already URL-encoded.</param>
    /// <param name="Expected">The exact status code, or null for "anything below 500".</param>
    /// <param name="OverHttp2">False where Kestrel itself refuses the request on HTTP/2 before any of our code runs.</param>
    public sealed record Request(string Path, int? Expected, bool OverHttp2 = true);

    private static readonly string[] ListPaths = [$"{Resources}/api/v1/pods", $"{Resources}/clusters/{{cluster}}/api/v1/pods", Collection];

    private static readonly string[] Hostile =
    [
        "names=a'%20OR%20'1'%3D'1",
        "namespaces=default%3BDROP%20TABLE%20resources",
        "clusters=x')%20OR%20('1'%3D'1",
        "orderby=name%3BDELETE%20FROM%20resources",
        "orderby=name%20desc,created_at%20desc",
        "labelSelector=app%3D'x'",
        "labelSelector=app%20in%20(a,b),tier!%3Dweb,!gone",
        "fieldSelector=metadata.name%3D'%20OR%201%3D1--",
        "fieldSelector=metadata.namespace!%3Ddefault,status.phase%3DRunning",
        "ownerName=x'%3B--&clusters={cluster}",
        "ownerUID=x&clusters={cluster}&ownerSeniority=10",
        "continue='%20OR%201%3D1",
        "limit=99999999999999999999",
        "limit=1e3",
        "limit=0",
        "since=1'",
        "resourceVersion=abc",
        "resourceVersion=-1",
        "whereSQL=1%3D1",
        "whereSQLStatement=1%3D1",
        "timeoutSeconds=99999999999",
        "names=,",
        "names=%E2%80%8B",
        "names=%EF%BF%BD",
        "namespaces=%F0%9F%98%80",
        "withContinue=true&limit=1&orderby=resource_version",
        "limit=1&orderby=created_at%20desc&withRemainingCount=true",
        "onlyMetadata=true&limit=2",
        "labelSelector=search.clusterpedia.io%2Fowner-seniority%3D10",
        "labelSelector=search.clusterpedia.io%2Fsince%3D2020-01-01,search.clusterpedia.io%2Fbefore%3D2030-01-01",
    ];

    public static IReadOnlyList<Request> For(string cluster)
    {
        var requests = new List<Request>();
        foreach (var row in MalformedSearchParameters.Queries)
        {
            var query = (string)row[0];
            requests.Add(new($"{Resources}/api/v1/pods?{query}", 400));
            requests.Add(new($"{Collection}?{query}", 400));
        }
        foreach (var path in ListPaths)
            foreach (var query in Hostile)
                requests.Add(new($"{path}?{query}", null));

        requests.Add(new($"{Resources}/clusters/{{cluster}}/api/v1/pods?ownerUID=x&ownerSeniority=99999", 400));
        requests.Add(new($"{Resources}/api/v1/pods?limit=5&names=a%00b", 400));
        // A NUL in the path: Kestrel answers an empty 400 on HTTP/1.1 and resets the stream (PROTOCOL_ERROR) on HTTP/2.
        requests.Add(new($"{Resources}/clusters/{{cluster}}/api/v1/namespaces/default/pods/a%00b", null, OverHttp2: false));
        requests.Add(new($"{Resources}/clusters/{{cluster}}/api/v1/namespaces/default/pods/x'%20OR%201%3D1", 404));
        requests.Add(new($"{Resources}/clusters/x'--/api/v1/pods", 400));
        // A watch (200 on memory; 405 on the internal storage, which has no watch), never a list.
        requests.Add(new($"{Resources}/api/v1/pods?watch=abc&timeoutSeconds=1", null));
        // A long `kubectl get -l 'app in (...)'`: 20,000 values, about 170 KB of URL; kube-apiserver serves up to 1 MiB.
        var values = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"v{i}"));
        requests.Add(new($"{Resources}/api/v1/pods?labelSelector=app%20in%20({values})", 200));
        return requests.Select(r => r with { Path = r.Path.Replace("{cluster}", cluster, StringComparison.Ordinal) }).ToList();
    }

    /// <summary>Texts a response body must never contain: database internals and the database's address.</summary>
    public static IEnumerable<string> Leaks(int? databasePort)
    {
        string[] leaks = ["SQLSTATE", "22021", "22P02", "42601", "Npgsql", "MySqlConnector", "PostgreSQL", "MariaDB", "Failed to connect", "   at "];
        return databasePort is { } port ? [.. leaks, $":{port}"] : leaks;
    }
}
