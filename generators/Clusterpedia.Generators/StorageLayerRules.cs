using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators;

/// <summary>What makes an attributed type a storage layer the registry can call (CPSL002, CPSL003).</summary>
internal static class StorageLayerRules
{
    /// <summary>Why the type is not a public non-abstract class implementing IStorageFactory, or null when it is.</summary>
    public static string? WhyNotAFactoryClass(INamedTypeSymbol type, WellKnownSymbols symbols)
    {
        var problems = new List<string>();
        if (type.TypeKind != TypeKind.Class)
            problems.Add($"it is {Article(type.TypeKind)}, not a class");
        else if (type.IsStatic)
            problems.Add("it is static");
        else if (type.IsAbstract)
            problems.Add("it is abstract");
        if (!IsEffectivelyPublic(type))
            problems.Add("it is not public");
        if (IsGeneric(type))
            problems.Add("it is generic");
        if (!type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, symbols.StorageFactory)))
            problems.Add("it does not implement IStorageFactory");
        return problems.Count == 0 ? null : string.Join(" and ", problems);
    }

    /// <summary>Why the type has no usable CreateAsync, or null when it has one.</summary>
    public static string? WhyNoCreateAsync(INamedTypeSymbol type, WellKnownSymbols symbols)
    {
        var candidates = type.GetMembers("CreateAsync").OfType<IMethodSymbol>().ToList();
        if (candidates.Count == 0)
            return "no method named CreateAsync was found";
        string? firstProblem = null;
        foreach (var method in candidates)
        {
            var problem = WhyNotTheFactoryMethod(method, symbols);
            if (problem is null)
                return null;
            firstProblem ??= problem;
        }
        return firstProblem;
    }

    private static string? WhyNotTheFactoryMethod(IMethodSymbol method, WellKnownSymbols symbols)
    {
        var problems = new List<string>();
        if (method.DeclaredAccessibility != Accessibility.Public)
            problems.Add("it is not public");
        if (!method.IsStatic)
            problems.Add("it is not static");
        if (method.IsGenericMethod)
            problems.Add("it is generic");
        if (!SymbolEqualityComparer.Default.Equals(method.ReturnType, symbols.CreateAsyncReturnType))
            problems.Add($"it returns '{method.ReturnType.ToDisplayString()}'");
        var parameters = method.Parameters;
        if (parameters.Length != 2
            || !SymbolEqualityComparer.Default.Equals(parameters[0].Type, symbols.StorageLayerOptions)
            || !SymbolEqualityComparer.Default.Equals(parameters[1].Type, symbols.CancellationToken)
            || parameters.Any(p => p.RefKind != RefKind.None))
        {
            var shown = string.Join(", ", parameters.Select(p => p.ToDisplayString()));
            problems.Add($"it takes ({shown})");
        }
        return problems.Count == 0 ? null : string.Join(" and ", problems);
    }

    private static bool IsEffectivelyPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (t.DeclaredAccessibility != Accessibility.Public)
                return false;
        return true;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (t.IsGenericType)
                return true;
        return false;
    }

    private static string Article(TypeKind kind) => kind switch
    {
        TypeKind.Struct => "a struct",
        TypeKind.Interface => "an interface",
        TypeKind.Enum => "an enum",
        TypeKind.Delegate => "a delegate",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
