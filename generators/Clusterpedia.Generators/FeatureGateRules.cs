using System.Collections.Generic;

namespace Clusterpedia.Generators;

/// <summary>
/// Feature gate names are Kubernetes-style: letters and digits, starting with a letter (<c>AllowRawSQLQuery</c>), so
/// they need no quoting in <c>--feature-gates Name=true,Other=false</c>.
/// </summary>
internal static class FeatureGateRules
{
    /// <summary>Why <paramref name="gate"/> is not a valid gate name among <paramref name="earlier"/>, or null when it is.</summary>
    public static string? Validate(string? gate, ICollection<string> earlier)
    {
        if (gate is null || gate.Length == 0)
            return "it is empty";
        if (!IsLetter(gate[0]))
            return "it does not start with a letter";
        for (var i = 1; i < gate.Length; i++)
        {
            if (!IsLetter(gate[i]) && gate[i] is not (>= '0' and <= '9'))
                return $"character '{gate[i]}' at position {i} is not allowed";
        }
        return earlier.Contains(gate) ? "it is declared twice" : null;
    }

    private static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
