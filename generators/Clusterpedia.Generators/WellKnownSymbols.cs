using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators;

/// <summary>The contract types the generator matches against, looked up once per compilation.</summary>
internal sealed class WellKnownSymbols
{
    public const string AttributeMetadataName = "Clusterpedia.Storage.StorageLayerAttribute";
    public const string ContractAssemblyName = "Clusterpedia.Core";

    private WellKnownSymbols(
        INamedTypeSymbol storageLayerAttribute,
        INamedTypeSymbol storageFactory,
        INamedTypeSymbol storageLayerOptions,
        INamedTypeSymbol cancellationToken,
        INamedTypeSymbol createAsyncReturnType)
    {
        StorageLayerAttribute = storageLayerAttribute;
        StorageFactory = storageFactory;
        StorageLayerOptions = storageLayerOptions;
        CancellationToken = cancellationToken;
        CreateAsyncReturnType = createAsyncReturnType;
    }

    public INamedTypeSymbol StorageLayerAttribute { get; }

    public INamedTypeSymbol StorageFactory { get; }

    public INamedTypeSymbol StorageLayerOptions { get; }

    public INamedTypeSymbol CancellationToken { get; }

    /// <summary><c>ValueTask&lt;IStorageFactory&gt;</c>.</summary>
    public INamedTypeSymbol CreateAsyncReturnType { get; }

    /// <summary>The contract assembly the host compiles against.</summary>
    public IAssemblySymbol ContractAssembly => StorageLayerAttribute.ContainingAssembly;

    /// <summary>The symbols, or null when the compilation does not reference the full contract (not a host).</summary>
    public static WellKnownSymbols? Create(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName(AttributeMetadataName);
        var factory = compilation.GetTypeByMetadataName("Clusterpedia.Storage.IStorageFactory");
        var options = compilation.GetTypeByMetadataName("Clusterpedia.Storage.StorageLayerOptions");
        var registry = compilation.GetTypeByMetadataName("Clusterpedia.Storage.IStorageLayerRegistry");
        var token = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        var valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        if (attribute is null || factory is null || options is null || registry is null || token is null || valueTask is null)
            return null;
        return new WellKnownSymbols(attribute, factory, options, token, valueTask.Construct(factory));
    }

    /// <summary>Major.minor of an assembly version: the part of Clusterpedia.Core's version that must match.</summary>
    public static string MajorMinor(System.Version version) => $"{version.Major}.{version.Minor}";
}
