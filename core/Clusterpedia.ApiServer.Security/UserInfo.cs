namespace Clusterpedia.ApiServer.Security;

/// <summary>An authenticated user as Kubernetes describes one (k8s.io/apiserver's user.Info).</summary>
public sealed record UserInfo(string Name, string? Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string Anonymous = "system:anonymous";
    public const string UnauthenticatedGroup = "system:unauthenticated";
    public const string AuthenticatedGroup = "system:authenticated";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra = new Dictionary<string, IReadOnlyList<string>>();

    public static UserInfo AnonymousUser { get; } = new(Anonymous, null, [UnauthenticatedGroup], NoExtra);

    public bool IsAnonymous => Name == Anonymous;

    /// <summary>Adds <c>system:authenticated</c> as kube's AuthenticatedGroupAdder does (not to anonymous users).</summary>
    public UserInfo WithAuthenticatedGroup() =>
        Groups.Contains(AuthenticatedGroup) || Groups.Contains(UnauthenticatedGroup) ? this : this with { Groups = [.. Groups, AuthenticatedGroup] };
}
