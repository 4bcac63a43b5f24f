namespace Clusterpedia.ApiServer.Http;

public enum OutputFormat
{
    Json,
    Yaml,
}

/// <summary>What the client asked the object to be turned into, by the <c>as=</c> parameter of Accept.</summary>
public enum OutputShape
{
    /// <summary>The stored object (or list of them) as is.</summary>
    Object,
    /// <summary>meta.k8s.io Table, as kubectl asks for human-readable output.</summary>
    Table,
    /// <summary>meta.k8s.io PartialObjectMetadata(List): only apiVersion, kind and metadata.</summary>
    PartialObjectMetadata,
}

/// <summary>The outcome of Accept negotiation.</summary>
public readonly record struct Negotiated(OutputFormat Format, OutputShape Shape, string MetaVersion = "v1")
{
    public static Negotiated Default => new(OutputFormat.Json, OutputShape.Object);

    public string ContentType => Format == OutputFormat.Yaml ? "application/yaml" : "application/json";

    /// <summary>
    /// Picks the first acceptable media range of <paramref name="accept"/>. Protobuf falls back to JSON (objects are
    /// kept as JSON). Returns false when the header names only types we cannot produce.
    /// </summary>
    public static bool TryParse(string? accept, out Negotiated result)
    {
        result = Default;
        if (string.IsNullOrWhiteSpace(accept)) return true;
        foreach (var range in accept.Split(','))
        {
            if (TryParseRange(range, out result)) return true;
        }
        result = Default;
        return false;
    }

    private static bool TryParseRange(string range, out Negotiated result)
    {
        result = Default;
        var parts = range.Split(';');
        var format = parts[0].Trim().ToLowerInvariant() switch
        {
            "application/json" or "application/vnd.kubernetes.protobuf" or "application/*" or "*/*" => OutputFormat.Json,
            "application/yaml" => OutputFormat.Yaml,
            _ => (OutputFormat?)null,
        };
        if (format is null) return false;
        string? @as = null, group = null, version = null;
        foreach (var p in parts.AsSpan(1))
        {
            var eq = p.IndexOf('=');
            if (eq < 0) continue;
            var key = p[..eq].Trim();
            var value = p[(eq + 1)..].Trim().Trim('"');
            switch (key)
            {
                case "as": @as = value; break;
                case "g": group = value; break;
                case "v": version = value; break;
            }
        }
        if (@as is null)
        {
            result = new Negotiated(format.Value, OutputShape.Object);
            return true;
        }
        if (group != "meta.k8s.io" || version is not ("v1" or "v1beta1")) return false;
        OutputShape? shape = @as switch
        {
            "Table" => OutputShape.Table,
            "PartialObjectMetadata" or "PartialObjectMetadataList" => OutputShape.PartialObjectMetadata,
            _ => null,
        };
        if (shape is null) return false;
        result = new Negotiated(format.Value, shape.Value, version);
        return true;
    }
}
