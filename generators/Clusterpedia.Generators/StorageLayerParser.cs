using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Clusterpedia.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators;

/// <summary>Symbols -> model: finds and validates <c>[StorageLayer]</c> types. Nothing here keeps a symbol.</summary>
internal static class StorageLayerParser
{
    public static HostInfo ParseHost(Compilation compilation)
    {
        var symbols = WellKnownSymbols.Create(compilation);
        if (symbols is null)
            return HostInfo.NotAHost;
        var isExecutable = compilation.Options.OutputKind is OutputKind.ConsoleApplication
            or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;
        return new HostInfo(true, WellKnownSymbols.MajorMinor(symbols.ContractAssembly.Identity.Version), isExecutable);
    }

    /// <summary>One attributed type declared in the host's own source.</summary>
    public static ParsedStorageLayer? ParseSource(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var compilation = context.SemanticModel.Compilation;
        var symbols = WellKnownSymbols.Create(compilation);
        if (symbols is null || context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
            return null;
        var attribute = context.Attributes[0];
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
        return Parse(type, attribute, symbols, compilation.AssemblyName ?? "", location);
    }

    /// <summary>
    /// Every accessible attributed type in the referenced assemblies, transitive ones included (MSBuild passes them
    /// all as references). Only assemblies that reference Clusterpedia.Core are walked, which skips the framework.
    /// </summary>
    public static ReferencedStorageLayers ParseReferences(Compilation compilation, CancellationToken cancellationToken)
    {
        var symbols = WellKnownSymbols.Create(compilation);
        if (symbols is null)
            return ReferencedStorageLayers.None;
        var hostVersion = WellKnownSymbols.MajorMinor(symbols.ContractAssembly.Identity.Version);
        var layers = ImmutableArray.CreateBuilder<StorageLayerInfo>();
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();

        foreach (var reference in compilation.References)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly
                || SymbolEqualityComparer.Default.Equals(assembly, symbols.ContractAssembly))
                continue;
            var contractReference = FindContractReference(assembly);
            if (contractReference is null)
                continue;

            var found = new List<(INamedTypeSymbol Type, AttributeData Attribute)>();
            CollectAttributedTypes(assembly.GlobalNamespace, compilation, found, cancellationToken);
            if (found.Count == 0)
                continue;

            var storageVersion = WellKnownSymbols.MajorMinor(contractReference.Version);
            if (storageVersion != hostVersion)
            {
                // Its layers are left out: they were compiled against a contract this host does not have.
                var names = string.Join(", ", found.Select(f => NameOf(f.Attribute) ?? f.Type.Name));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContractVersionMismatch, null,
                    assembly.Name, names, storageVersion, hostVersion));
                continue;
            }

            foreach (var (type, attribute) in found)
            {
                if (Parse(type, attribute, symbols, assembly.Name, null) is not { } parsed)
                    continue;
                if (parsed.Layer is not null)
                    layers.Add(parsed.Layer);
                diagnostics.AddRange(parsed.Diagnostics);
            }
        }

        return new ReferencedStorageLayers(new EquatableArray<StorageLayerInfo>(layers.ToImmutable()),
            new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()));
    }

    private static AssemblyIdentity? FindContractReference(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
            foreach (var referenced in module.ReferencedAssemblies)
                if (referenced.Name == WellKnownSymbols.ContractAssemblyName)
                    return referenced;
        return null;
    }

    private static void CollectAttributedTypes(INamespaceOrTypeSymbol container, Compilation compilation,
        List<(INamedTypeSymbol, AttributeData)> found, CancellationToken cancellationToken)
    {
        foreach (var type in container.GetTypeMembers())
        {
            // Internal types of other assemblies cannot be called from the registry; they are not storage layers.
            if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
                continue;
            var attribute = type.GetAttributes().FirstOrDefault(IsStorageLayerAttribute);
            if (attribute is not null)
                found.Add((type, attribute));
            CollectAttributedTypes(type, compilation, found, cancellationToken);
        }

        if (container is INamespaceSymbol ns)
        {
            foreach (var child in ns.GetNamespaceMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                CollectAttributedTypes(child, compilation, found, cancellationToken);
            }
        }
    }

    // Matched by name and assembly rather than by symbol identity, so a storage built against another
    // Clusterpedia.Core version (whose attribute need not unify with the host's) is still found and reported.
    private static bool IsStorageLayerAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "StorageLayerAttribute" } attributeClass
        && attributeClass.ContainingNamespace.ToDisplayString() == "Clusterpedia.Storage"
        && attributeClass.ContainingAssembly?.Name == WellKnownSymbols.ContractAssemblyName;

    private static string? NameOf(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[0].Value as string
            : null;

    private static ParsedStorageLayer? Parse(INamedTypeSymbol type, AttributeData attribute, WellKnownSymbols symbols,
        string assemblyName, LocationInfo? location)
    {
        // A malformed attribute (missing argument, wrong type) is already a compiler error; add nothing.
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Primitive)
            return null;
        var name = attribute.ConstructorArguments[0].Value as string;
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();

        if (StorageLayerRules.WhyNotAFactoryClass(type, symbols) is { } classProblem)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAStorageFactory, location, typeName, classProblem));
        if (StorageLayerRules.WhyNoCreateAsync(type, symbols) is { } methodProblem)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingCreateAsync, location, typeName, methodProblem));
        if (StorageNameRules.Validate(name) is { } nameProblem)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidStorageName, location, name ?? "", typeName, nameProblem));
        var gates = FeatureGatesOf(attribute);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gate in gates)
        {
            if (FeatureGateRules.Validate(gate, seen) is { } gateProblem)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFeatureGate, location, gate ?? "", typeName, gateProblem));
            if (gate is not null)
                seen.Add(gate);
        }

        var layer = diagnostics.Count == 0
            ? new StorageLayerInfo(name!, typeName, assemblyName, location,
                new EquatableArray<string>(seen.OrderBy(g => g, StringComparer.Ordinal)))
            : null;
        return new ParsedStorageLayer(layer, new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()));
    }

    /// <summary>The <c>FeatureGates = new[] { ... }</c> named argument; a missing or null array declares none.</summary>
    private static IReadOnlyList<string?> FeatureGatesOf(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key != "FeatureGates" || argument.Value.Kind != TypedConstantKind.Array || argument.Value.IsNull)
                continue;
            return argument.Value.Values.Select(v => v.Value as string).ToList();
        }
        return Array.Empty<string?>();
    }
}
