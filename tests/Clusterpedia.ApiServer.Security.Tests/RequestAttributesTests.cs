using Clusterpedia.ApiServer.Security.Authorization;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>Request attributes as k8s.io/apiserver's RequestInfoFactory computes them (cases from its tests and our paths).</summary>
public sealed class RequestAttributesTests
{
    private static readonly UserInfo User = new("u", null, [], UserInfo.NoExtra);

    private static RequestAttributes Of(string method, string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        var query = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parts.Length > 1 ? parts[1] : ""));
        return RequestAttributes.From(method, parts[0], query, User);
    }

    [Theory]
    // Clusterpedia's resources: everything below /resources is the object "api"/"apis"/"clusters" of resource "resources".
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/resources/api/v1/pods", "get", "clusterpedia.io", "v1beta1", "", "resources", "api", "v1")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/resources/clusters/c1/apis/apps/v1/deployments", "get", "clusterpedia.io", "v1beta1", "", "resources", "clusters", "c1")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/resources", "list", "clusterpedia.io", "v1beta1", "", "resources", "", "")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/collectionresources", "list", "clusterpedia.io", "v1beta1", "", "collectionresources", "", "")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/collectionresources?watch=true", "watch", "clusterpedia.io", "v1beta1", "", "collectionresources", "", "")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/collectionresources?watch=false", "list", "clusterpedia.io", "v1beta1", "", "collectionresources", "", "")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/collectionresources/any", "get", "clusterpedia.io", "v1beta1", "", "collectionresources", "any", "")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1/collectionresources?fieldSelector=metadata.name%3Dworkloads", "list", "clusterpedia.io", "v1beta1", "", "collectionresources", "workloads", "")]
    // Kubernetes' own cases.
    [InlineData("GET", "/api/v1/namespaces", "list", "", "v1", "", "namespaces", "", "")]
    [InlineData("GET", "/api/v1/namespaces/other", "get", "", "v1", "other", "namespaces", "other", "")]
    [InlineData("GET", "/api/v1/namespaces/other/pods", "list", "", "v1", "other", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/other/pods/foo/status", "get", "", "v1", "other", "pods", "foo", "status")]
    [InlineData("GET", "/api/v1/namespaces/other/finalize", "get", "", "v1", "other", "namespaces", "other", "finalize")]
    [InlineData("GET", "/api/v1/watch/namespaces/other/pods", "watch", "", "v1", "other", "pods", "", "")]
    [InlineData("GET", "/api/v1/proxy/namespaces/other/pods/foo/a/b", "proxy", "", "v1", "other", "pods", "foo", "")]
    [InlineData("DELETE", "/api/v1/namespaces/other/pods", "deletecollection", "", "v1", "other", "pods", "", "")]
    [InlineData("POST", "/apis/apps/v1/namespaces/other/deployments", "create", "apps", "v1", "other", "deployments", "", "")]
    public void Resource_requests(string method, string path, string verb, string group, string version, string ns, string resource, string name, string subresource)
    {
        var a = Of(method, path);
        Assert.True(a.IsResourceRequest);
        Assert.Equal((verb, group, version, ns, resource, name, subresource), (a.Verb, a.ApiGroup, a.ApiVersion, a.Namespace, a.Resource, a.Name, a.Subresource));
    }

    [Theory]
    [InlineData("GET", "/apis/clusterpedia.io", "get")]
    [InlineData("GET", "/apis/clusterpedia.io/v1beta1", "get")]
    [InlineData("GET", "/api", "get")]
    [InlineData("GET", "/healthz", "get")]
    [InlineData("POST", "/version", "post")]
    [InlineData("GET", "/api/v1/watch", "get")]
    public void Non_resource_requests(string method, string path, string verb)
    {
        var a = Of(method, path);
        Assert.False(a.IsResourceRequest);
        Assert.Equal(verb, a.Verb);
        Assert.Equal(path, a.Path);
    }

    [Fact]
    public void Forbidden_messages_match_kube()
    {
        var ns = Of("GET", "/apis/apps/v1/namespaces/prod/deployments/web") with { User = User with { Name = "bob" } };
        var e = Forbidden.For(ns, "");
        Assert.Equal("deployments.apps \"web\" is forbidden: User \"bob\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"prod\"", e.Message);
        Assert.Equal(403, e.Code);
        var core = Forbidden.For(Of("GET", "/api/v1/pods") with { User = User with { Name = "bob" } }, "RBAC: nope");
        Assert.Equal("pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" at the cluster scope: RBAC: nope", core.Message);
    }

    [Fact]
    public void Always_allow_paths_match_exactly_or_by_trailing_star_and_never_resources()
    {
        var paths = new AlwaysAllowPaths(["/healthz", "/metrics/*", "/"]);
        Assert.True(paths.Matches(Of("GET", "/healthz")));
        Assert.False(paths.Matches(Of("GET", "/healthz/etcd")));
        Assert.True(paths.Matches(Of("GET", "/metrics/x")));
        Assert.True(paths.Matches(Of("GET", "/")));
        Assert.False(paths.Matches(Of("GET", "/apis/clusterpedia.io/v1beta1/resources/api/v1/pods")));
        Assert.True(new AlwaysAllowPaths(["/*"]).Matches(Of("GET", "/anything")));
        Assert.False(new AlwaysAllowPaths(["/*"]).Matches(Of("GET", "/api/v1/pods")));
    }
}
