namespace Clusterpedia.Storage;

/// <summary>
/// The URL parameters that choose the types of the <c>any</c> collection resource. <c>groups</c>: comma list of
/// <c>group</c> or <c>group/version</c> (<c>""</c> or <c>/</c> = core); <c>resources</c>: comma list of
/// <c>group/resource</c> or <c>group/version/resource</c> (<c>/pods</c> = core pods); <c>*</c> in either is every type.
/// A type is read when any entry of either list covers it. Repeated parameters add their entries.
/// </summary>
public static class AnyCollectionParameters
{
    /// <summary>The requested types, or null for every type (<c>*</c>).</summary>
    /// <exception cref="StorageException">
    /// With <see cref="StorageErrorKind.Invalid"/> (400) when neither parameter is given or an entry has the wrong shape.
    /// </exception>
    public static IReadOnlyList<CollectionResourceType>? Parse(IReadOnlyDictionary<string, IReadOnlyList<string>> urlQuery)
    {
        var groups = Entries(urlQuery, "groups");
        var resources = Entries(urlQuery, "resources");
        if (groups is null && resources is null) throw StorageException.Invalid("url query - `groups` or `resources` is required");

        var types = new List<CollectionResourceType>();
        foreach (var entry in groups ?? [])
        {
            if (entry == "*") return null;
            var parts = entry.Split('/');
            if (parts.Length > 2) throw StorageException.Invalid($"url query - groups: invalid group \"{entry}\"; use group or group/version");
            types.Add(new CollectionResourceType(parts[0], parts.Length == 2 ? parts[1] : "", ""));
        }
        foreach (var entry in resources ?? [])
        {
            if (entry == "*") return null;
            var parts = entry.Split('/');
            if (parts.Length is < 2 or > 3 || parts[^1].Length == 0)
                throw StorageException.Invalid($"url query - resources: invalid resource \"{entry}\"; use group/resource or group/version/resource");
            types.Add(new CollectionResourceType(parts[0], parts.Length == 3 ? parts[1] : "", parts[^1]));
        }
        return types.Distinct().ToArray();
    }

    // "" is the core group, so an empty entry counts: groups= alone asks for the core group.
    private static string[]? Entries(IReadOnlyDictionary<string, IReadOnlyList<string>> urlQuery, string key) =>
        urlQuery.TryGetValue(key, out var values) && values.Count > 0
            ? values.SelectMany(v => v.Split(',')).Select(e => e.Trim()).ToArray()
            : null;
}
