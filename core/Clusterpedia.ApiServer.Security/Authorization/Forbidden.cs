using Clusterpedia.ApiServer.Http;

namespace Clusterpedia.ApiServer.Security.Authorization;

/// <summary>The 403 Status kube-apiserver writes (responsewriters.Forbidden + apierrors.NewForbidden), word for word.</summary>
public static class Forbidden
{
    public static ApiException For(RequestAttributes a, string reason)
    {
        var message = Message(a);
        if (reason.Length > 0) message = $"{message}: {reason}";
        if (!a.IsResourceRequest) return new ApiException(403, "Forbidden", $"forbidden: {message}", new StatusDetails());
        var resource = a.ApiGroup.Length > 0 ? $"{a.Resource}.{a.ApiGroup}" : a.Resource;
        message = a.Name.Length > 0 ? $"{resource} \"{a.Name}\" is forbidden: {message}" : $"{resource} is forbidden: {message}";
        return new ApiException(403, "Forbidden", message, new StatusDetails(a.Name.Length > 0 ? a.Name : null, a.ApiGroup, a.Resource));
    }

    private static string Message(RequestAttributes a)
    {
        if (!a.IsResourceRequest) return $"User \"{a.User.Name}\" cannot {a.Verb} path \"{a.Path}\"";
        var resource = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        return a.Namespace.Length > 0
            ? $"User \"{a.User.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.ApiGroup}\" in the namespace \"{a.Namespace}\""
            : $"User \"{a.User.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.ApiGroup}\" at the cluster scope";
    }
}
