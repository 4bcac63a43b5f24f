namespace Clusterpedia.Generators.Model;

/// <summary>What the generator needs to know about the compilation it runs in.</summary>
/// <param name="HasContract">The compilation references Clusterpedia.Core (the attribute and the registry interface resolve).</param>
/// <param name="ContractVersion">The major.minor of that Clusterpedia.Core, e.g. <c>1.0</c>.</param>
/// <param name="IsExecutable">The compilation is an executable: the trigger for CPSL006 when it has no storage layer.</param>
internal sealed record HostInfo(bool HasContract, string ContractVersion, bool IsExecutable)
{
    public static HostInfo NotAHost { get; } = new(false, "", false);
}
