using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Tests.Http;

public sealed class RequestParsingTests
{
    [Theory]
    [InlineData("/api/v1/pods", "", "v1", "pods", null, null, null)]
    [InlineData("/api/v1/namespaces/default/pods", "", "v1", "pods", "default", null, null)]
    [InlineData("/api/v1/namespaces/default/pods/web", "", "v1", "pods", "default", "web", null)]
    [InlineData("/api/v1/namespaces/default/pods/web/log", "", "v1", "pods", "default", "web", "log")]
    [InlineData("/api/v1/namespaces", "", "v1", "namespaces", null, null, null)]
    [InlineData("/api/v1/namespaces/kube-system", "", "v1", "namespaces", null, "kube-system", null)]
    [InlineData("/api/v1/namespaces/kube-system/status", "", "v1", "namespaces", null, "kube-system", "status")]
    [InlineData("/apis/apps/v1/namespaces/ns/deployments/d", "apps", "v1", "deployments", "ns", "d", null)]
    [InlineData("/apis/apps/v1/deployments", "apps", "v1", "deployments", null, null, null)]
    public void Resource_paths_parse_like_kubernetes(string path, string group, string version, string resource, string? ns, string? name, string? sub)
    {
        var p = KubePath.Parse(path);
        Assert.Equal(KubePathKind.Resource, p.Kind);
        Assert.Equal((group, version, resource, ns, name, sub), (p.Group, p.Version, p.Resource, p.Namespace, p.Name, p.Subresource));
    }

    [Theory]
    [InlineData("/api", KubePathKind.CoreVersions)]
    [InlineData("/api/v1", KubePathKind.ResourceList)]
    [InlineData("/apis", KubePathKind.GroupList)]
    [InlineData("/apis/apps", KubePathKind.Group)]
    [InlineData("/apis/apps/v1/", KubePathKind.ResourceList)]
    [InlineData("/version", KubePathKind.Version)]
    [InlineData("/", KubePathKind.Unknown)]
    [InlineData("/healthz", KubePathKind.Unknown)]
    public void Discovery_paths(string path, KubePathKind kind) => Assert.Equal(kind, KubePath.Parse(path).Kind);

    [Fact]
    public void Legacy_watch_paths()
    {
        var p = KubePath.Parse("/api/v1/watch/namespaces/default/pods");
        Assert.True(p.LegacyWatch);
        Assert.Equal(("pods", "default"), (p.Resource, p.Namespace));
    }

    [Theory]
    [InlineData(null, OutputFormat.Json, OutputShape.Object)]
    [InlineData("application/json", OutputFormat.Json, OutputShape.Object)]
    [InlineData("application/yaml", OutputFormat.Yaml, OutputShape.Object)]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", OutputFormat.Json, OutputShape.Object)]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", OutputFormat.Json, OutputShape.Table)]
    [InlineData("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io", OutputFormat.Json, OutputShape.Table)]
    [InlineData("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", OutputFormat.Json, OutputShape.PartialObjectMetadata)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json", OutputFormat.Json, OutputShape.Object)]
    [InlineData("text/html, */*", OutputFormat.Json, OutputShape.Object)]
    public void Accept_negotiation(string? accept, OutputFormat format, OutputShape shape)
    {
        Assert.True(Negotiated.TryParse(accept, out var n));
        Assert.Equal((format, shape), (n.Format, n.Shape));
    }

    [Fact]
    public void Accept_with_nothing_we_produce_is_refused() =>
        Assert.False(Negotiated.TryParse("text/html", out _));

    [Theory]
    [InlineData(StorageErrorKind.NotFound, 404, "NotFound", "pods \"web\" not found")]
    [InlineData(StorageErrorKind.AlreadyExists, 409, "AlreadyExists", "pods \"web\" already exists")]
    [InlineData(StorageErrorKind.Expired, 410, "Expired", "boom")]
    [InlineData(StorageErrorKind.NotSupported, 405, "MethodNotAllowed", "boom")]
    [InlineData(StorageErrorKind.Invalid, 400, "BadRequest", "boom")]
    [InlineData(StorageErrorKind.Recoverable, 503, "ServiceUnavailable", "storage is unavailable")]
    public void Storage_errors_map_to_status_codes_in_one_place(StorageErrorKind kind, int code, string reason, string message)
    {
        var e = ErrorMapping.ToApiException(new StorageException(kind, "boom"), new GroupResource("", "pods"), "web");
        Assert.Equal((code, reason, message), (e.Code, e.Reason, e.Message));
    }

    [Theory]
    [InlineData(StorageErrorKind.Recoverable, 503, "ServiceUnavailable")]
    [InlineData(StorageErrorKind.Timeout, 504, "Timeout")]
    [InlineData(StorageErrorKind.Fatal, 500, "InternalError")]
    public void Server_side_storage_errors_carry_a_correlation_id_and_no_storage_text(StorageErrorKind kind, int code, string reason)
    {
        var e = ErrorMapping.ToApiException(new StorageException(kind, "22P02 invalid input syntax at 127.0.0.1:5432"));
        Assert.Equal((code, reason), (e.Code, e.Reason));
        Assert.DoesNotContain("22P02", e.Message);
        Assert.DoesNotContain("127.0.0.1", e.Message);
        Assert.Matches("^[0-9a-f]{16}$", ErrorMapping.CorrelationIdOf(e));
        Assert.Equal(code != 500, e.Details!.RetryAfterSeconds is not null);
    }

    [Fact]
    public void Query_errors_are_400_with_the_parser_message()
    {
        var e = ErrorMapping.ToApiException(new ListOptionsException("since", "bad time"))!;
        Assert.Equal((400, "BadRequest", "invalid since: bad time"), (e.Code, e.Reason, e.Message));
        Assert.Equal(500, ErrorMapping.ToApiException(new InvalidOperationException()).Code);
    }

    [Fact]
    public void Versions_sort_newest_first()
    {
        var versions = new[] { "v1alpha1", "v2beta1", "v1", "foo", "v1beta2", "v2", "v1beta1", "bar" };
        Array.Sort(versions, KubeVersionComparer.Instance);
        Assert.Equal(["v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "bar", "foo"], versions);
    }
}
