using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators.Model;

/// <summary>A diagnostic to report, as a comparable value that travels beside the model.</summary>
/// <param name="Id">One of the CPSL ids in <see cref="DiagnosticDescriptors"/>.</param>
/// <param name="Location">The attribute in source, or null for types in referenced assemblies.</param>
/// <param name="MessageArgs">The descriptor's message format arguments.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor.Id, location, new EquatableArray<string>(messageArgs));

    public Diagnostic ToDiagnostic()
    {
        var args = new object[MessageArgs.Count];
        for (var i = 0; i < args.Length; i++)
            args[i] = MessageArgs[i];
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}
