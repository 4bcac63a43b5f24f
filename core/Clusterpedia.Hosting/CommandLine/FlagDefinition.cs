namespace Clusterpedia.Hosting.CommandLine;

/// <summary>One command-line flag. Boolean flags take no separate value (<c>--x</c> or <c>--x=false</c>), as in pflag.</summary>
/// <param name="Name">The long name without dashes, e.g. <c>storage-name</c>.</param>
/// <param name="Help">The <c>--help</c> text: one line, or several (\n) that <c>--help</c> indents under the first.</param>
/// <param name="IsBoolean">True for switches such as <c>--version</c>.</param>
/// <param name="DefaultValue">Shown in <c>--help</c>; the value used when the flag is absent.</param>
/// <param name="Shorthand">A one-letter alias used as <c>-h</c>, or null.</param>
/// <param name="ValueName">How <c>--help</c> names the value: <c>string</c>, <c>int</c>, ...</param>
public sealed record FlagDefinition(
    string Name, string Help, bool IsBoolean = false, string? DefaultValue = null, char? Shorthand = null, string ValueName = "string");
