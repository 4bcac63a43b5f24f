using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators;

/// <summary>The generator's diagnostics. The ids are stable: docs, tests and NoWarn lists use them.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Clusterpedia.StorageLayer";

    public static readonly DiagnosticDescriptor DuplicateStorageName = new(
        id: "CPSL001",
        title: "Duplicate storage name",
        messageFormat: "Storage name '{0}' is declared by both '{1}' (assembly {2}) and '{3}' (assembly {4}); storage names must be unique in a host, so reference only one of them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotAStorageFactory = new(
        id: "CPSL002",
        title: "Storage layer type is not a public non-abstract class implementing IStorageFactory",
        messageFormat: "'{0}' is marked [StorageLayer] but {1}; a storage layer must be a public, non-abstract, non-generic class that implements Clusterpedia.Storage.IStorageFactory",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingCreateAsync = new(
        id: "CPSL003",
        title: "Storage layer lacks its CreateAsync factory method",
        messageFormat: "'{0}' must declare 'public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidStorageName = new(
        id: "CPSL004",
        title: "Invalid storage name",
        messageFormat: "Storage name '{0}' on '{1}' is invalid: {2}; a storage name uses lowercase letters, digits, '-' and '.', starts and ends with a letter or digit, has dot-separated parts of 1 to 63 characters and is at most 253 characters long",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ContractVersionMismatch = new(
        id: "CPSL005",
        title: "Storage assembly built against another version of Clusterpedia.Core",
        messageFormat: "Storage assembly '{0}' (storage layers: {1}) was built against Clusterpedia.Core {2}, but this host compiles against Clusterpedia.Core {3}; rebuild {0} against Clusterpedia.Core {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoStorageLayer = new(
        id: "CPSL006",
        title: "Host has no storage layer",
        messageFormat: "This host compiles in no storage layer, so no --storage-name can be served; reference a storage layer project (a public class marked [StorageLayer(\"name\")])",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidFeatureGate = new(
        id: "CPSL007",
        title: "Invalid feature gate name",
        messageFormat: "Feature gate '{0}' declared by '{1}' is invalid: {2}; a feature gate name uses letters and digits, starts with a letter (like AllowRawSQLQuery) and is declared once",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "CPSL001" => DuplicateStorageName,
        "CPSL002" => NotAStorageFactory,
        "CPSL003" => MissingCreateAsync,
        "CPSL004" => InvalidStorageName,
        "CPSL005" => ContractVersionMismatch,
        "CPSL006" => NoStorageLayer,
        "CPSL007" => InvalidFeatureGate,
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };
}
