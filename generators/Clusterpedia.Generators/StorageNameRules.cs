namespace Clusterpedia.Generators;

/// <summary>
/// Storage names follow Kubernetes' DNS-1123 subdomain rule, so a name is safe in flags, file names, labels and
/// container image tags alike.
/// </summary>
internal static class StorageNameRules
{
    public const int MaxLength = 253;
    public const int MaxPartLength = 63;

    /// <summary>Why <paramref name="name"/> is not a valid storage name, or null when it is.</summary>
    public static string? Validate(string? name)
    {
        if (name is null || name.Length == 0)
            return "it is empty";
        if (name.Length > MaxLength)
            return $"it is {name.Length} characters long";

        var partStart = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.')
            {
                var c = name[i];
                if (!IsAlphanumeric(c) && c != '-')
                    return $"character '{c}' at position {i} is not allowed";
                continue;
            }

            var partLength = i - partStart;
            if (partLength == 0)
                return $"it has an empty dot-separated part at position {i}";
            if (partLength > MaxPartLength)
                return $"the part '{name.Substring(partStart, partLength)}' is {partLength} characters long";
            if (!IsAlphanumeric(name[partStart]) || !IsAlphanumeric(name[i - 1]))
                return $"the part '{name.Substring(partStart, partLength)}' does not start and end with a letter or digit";
            partStart = i + 1;
        }

        return null;
    }

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
