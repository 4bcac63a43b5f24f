namespace Clusterpedia.Synchro.Manager;

/// <summary>The Secrets of the manager's namespace that a PediaCluster's <c>authenticationFrom</c> may name.</summary>
public interface IClusterSecrets
{
    /// <summary>The namespace the Secrets are read from.</summary>
    string Namespace { get; }

    /// <summary>The Secret's data (base64-decoded); null when there is no such Secret.</summary>
    IReadOnlyDictionary<string, byte[]>? Get(string name);
}
