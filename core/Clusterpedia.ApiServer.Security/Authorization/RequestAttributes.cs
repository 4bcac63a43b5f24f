using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Security.Authorization;

/// <summary>
/// What a request asks to do, computed as k8s.io/apiserver's RequestInfoFactory computes it on the full path, so a
/// SubjectAccessReview sees what it would see behind kube-apiserver. For the search API that is, e.g.,
/// <c>GET /apis/clusterpedia.io/v1beta1/resources/apis/apps/v1/deployments</c> -> verb get, group clusterpedia.io,
/// resource <c>resources</c>, name <c>apis</c>, subresource <c>apps</c>; <c>.../collectionresources</c> -> list.
/// </summary>
public sealed record RequestAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup = "",
    string ApiVersion = "",
    string Namespace = "",
    string Resource = "",
    string Subresource = "",
    string Name = "")
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public static RequestAttributes From(HttpRequest request, UserInfo user) =>
        From(request.Method, request.Path.Value ?? "/", request.Query, user);

    public static RequestAttributes From(string method, string path, IQueryCollection query, UserInfo user)
    {
        var nonResource = new RequestAttributes(user, method.ToLowerInvariant(), false, path);
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 3 || parts[0] is not ("api" or "apis")) return nonResource;
        var rest = parts.AsSpan(1);
        var group = "";
        if (parts[0] == "apis")
        {
            if (rest.Length < 3) return nonResource;
            group = rest[0];
            rest = rest[1..];
        }
        var version = rest[0];
        rest = rest[1..];

        string verb;
        if (rest[0] is "watch" or "proxy")
        {
            // kube fails such a request ("unable to determine kind and namespace"); authorize it as a non-resource path.
            if (rest.Length < 2) return nonResource;
            verb = rest[0];
            rest = rest[1..];
        }
        else
        {
            verb = method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2])) rest = rest[2..];
        }

        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 && verb != "proxy" ? rest[2] : "";

        if (name.Length == 0 && verb == "get")
        {
            verb = IsWatch(query) ? "watch" : "list";
            if (ExactName(query) is { } fieldName) name = fieldName;
        }
        if (name.Length == 0 && verb == "delete") verb = "deletecollection";
        return new RequestAttributes(user, verb, true, path, group, version, ns, resource, subresource, name);
    }

    // As metav1's bool conversion: any value but "false"/"0" turns watch on.
    private static bool IsWatch(IQueryCollection query) =>
        query.TryGetValue("watch", out var values) && values.Count > 0 && values[0]?.ToLowerInvariant() is not ("false" or "0");

    // fieldSelector=metadata.name=x names the object, so a list of one object can be authorized as a get of it.
    private static string? ExactName(IQueryCollection query)
    {
        if (!query.TryGetValue("fieldSelector", out var values) || values.Count == 0 || values[0] is not { } selector) return null;
        foreach (var term in selector.Split(','))
        {
            var t = term.Trim();
            foreach (var op in new[] { "==", "=" })
            {
                if (!t.StartsWith("metadata.name" + op, StringComparison.Ordinal)) continue;
                var name = t[("metadata.name" + op).Length..];
                return name.Length > 0 && name is not ("." or "..") && !name.Contains('/') && !name.Contains('%') ? name : null;
            }
        }
        return null;
    }
}
