namespace Clusterpedia.Query;

/// <summary>
/// The Kubernetes rules for label keys (qualified names) and label values, as in
/// k8s.io/apimachinery <c>validation.IsQualifiedName</c> and <c>IsValidLabelValue</c>.
/// Each check returns null when valid, otherwise what is wrong.
/// </summary>
public static class LabelSyntax
{
    public const int MaxNameLength = 63;
    public const int MaxPrefixLength = 253;
    public const int MaxValueLength = 63;

    /// <summary><c>[prefix/]name</c>: name is 1–63 alphanumerics with <c>-_.</c> inside; prefix is a DNS-1123 subdomain.</summary>
    public static string? CheckQualifiedName(string value)
    {
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) return $"'{value}': prefix part must be non-empty";
                if (prefix.Length > MaxPrefixLength) return $"'{value}': prefix part must be no more than {MaxPrefixLength} characters";
                if (!IsDnsSubdomain(prefix))
                    return $"'{value}': prefix part must be a lowercase DNS subdomain (lowercase alphanumerics, '-' and '.', starting and ending with an alphanumeric)";
                break;
            default:
                return $"'{value}': a qualified name may contain at most one '/'";
        }

        if (name.Length == 0) return $"'{value}': name part must be non-empty";
        if (name.Length > MaxNameLength) return $"'{value}': name part must be no more than {MaxNameLength} characters";
        if (!IsNameCharacters(name))
            return $"'{value}': name part must consist of alphanumerics, '-', '_' or '.', and must start and end with an alphanumeric";
        return null;
    }

    /// <summary>Empty, or 1–63 alphanumerics with <c>-_.</c> inside.</summary>
    public static string? CheckLabelValue(string value)
    {
        if (value.Length > MaxValueLength) return $"value '{value}' must be no more than {MaxValueLength} characters";
        return CheckValueCharacters(value);
    }

    /// <summary>The character rule of label values without the length limit (field-selector values may be longer).</summary>
    public static string? CheckValueCharacters(string value) =>
        value.Length == 0 || IsNameCharacters(value)
            ? null
            : $"value '{value}' must consist of alphanumerics, '-', '_' or '.', and must start and end with an alphanumeric";

    private static bool IsNameCharacters(string s)
    {
        if (!char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1])) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return false;
        }
        return true;
    }

    private static bool IsDnsSubdomain(string s)
    {
        // [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*
        foreach (var label in s.Split('.'))
        {
            if (label.Length == 0) return false;
            if (!IsLowerAlnum(label[0]) || !IsLowerAlnum(label[^1])) return false;
            foreach (var c in label)
            {
                if (!IsLowerAlnum(c) && c != '-') return false;
            }
        }
        return true;
    }

    private static bool IsLowerAlnum(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);
}
