namespace Clusterpedia.Objects;

/// <summary>A resource in one version. The core group is the empty string.</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    public GroupResource GroupResource => new(Group, Resource);

    /// <summary><c>v1</c> for the core group, <c>apps/v1</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public override string ToString() => Group.Length == 0 ? $"{Version}/{Resource}" : $"{Group}/{Version}/{Resource}";
}
