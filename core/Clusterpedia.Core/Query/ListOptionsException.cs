namespace Clusterpedia.Query;

/// <summary>A malformed search parameter. The API server answers it with 400 and this message.</summary>
public sealed class ListOptionsException(string parameter, string message)
    : Exception($"invalid {parameter}: {message}")
{
    /// <summary>The URL parameter or search label at fault, e.g. <c>since</c> or <c>search.clusterpedia.io/limit</c>.</summary>
    public string Parameter { get; } = parameter;
}
