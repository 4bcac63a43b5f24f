namespace Clusterpedia.Objects;

/// <summary>A resource regardless of version, written <c>resource.group</c> (just <c>resource</c> for the core group).</summary>
public readonly record struct GroupResource(string Group, string Resource)
{
    /// <summary>Parses <c>deployments.apps</c>, <c>pods</c>: everything after the first dot is the group.</summary>
    public static GroupResource Parse(string value)
    {
        var dot = value.IndexOf('.');
        return dot < 0 ? new GroupResource("", value) : new GroupResource(value[(dot + 1)..], value[..dot]);
    }

    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
