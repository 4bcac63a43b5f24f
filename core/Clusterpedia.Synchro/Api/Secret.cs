namespace Clusterpedia.Synchro.Api;

/// <summary>Just what the manager reads of a core/v1 Secret: its name and data (base64 in JSON).</summary>
public sealed class Secret
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Secret";
    public ObjectMeta Metadata { get; set; } = new();
    public Dictionary<string, byte[]>? Data { get; set; }
}
