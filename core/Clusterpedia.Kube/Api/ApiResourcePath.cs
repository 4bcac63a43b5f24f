namespace Clusterpedia.Kube.Api;

/// <summary>Where a resource is served: <c>/api/v1/pods</c>, <c>/apis/apps/v1/deployments</c>.</summary>
public readonly record struct ApiResourcePath(string Group, string Version, string Resource)
{
    /// <summary>When set, lists and watches cover only this namespace (<c>/api/v1/namespaces/ns/secrets</c>).</summary>
    public string? Namespace { get; init; }

    public string CollectionPath =>
        (Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}")
        + (string.IsNullOrEmpty(Namespace) ? "" : $"/namespaces/{Uri.EscapeDataString(Namespace)}") + $"/{Resource}";

    /// <summary>The path of one object (and optionally a subresource such as <c>status</c>).</summary>
    public string ItemPath(string @namespace, string name, string? subresource = null)
    {
        var collection = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        var ns = @namespace.Length == 0 ? "" : $"/namespaces/{Uri.EscapeDataString(@namespace)}";
        return $"{collection}{ns}/{Resource}/{Uri.EscapeDataString(name)}" + (subresource is null ? "" : "/" + subresource);
    }

    public override string ToString() => Group.Length == 0 ? $"{Version}/{Resource}" : $"{Group}/{Version}/{Resource}";
}
