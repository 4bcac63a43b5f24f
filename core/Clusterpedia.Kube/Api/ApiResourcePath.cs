namespace Clusterpedia.Kube.Api;

/// <summary>Where a resource is served: <c>/api/v1/pods</c>, <c>/apis/apps/v1/deployments</c>.</summary>
public readonly record struct ApiResourcePath(string Group, string Version, string Resource)
{
    public string CollectionPath => Group.Length == 0 ? $"api/{Version}/{Resource}" : $"apis/{Group}/{Version}/{Resource}";

    public override string ToString() => Group.Length == 0 ? $"{Version}/{Resource}" : $"{Group}/{Version}/{Resource}";
}
