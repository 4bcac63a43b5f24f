namespace Clusterpedia.ApiServer.Tables;

/// <summary>The <c>includeObject</c> parameter of a Table request: what each row's <c>object</c> carries.</summary>
public enum IncludeObject
{
    None,
    /// <summary>A PartialObjectMetadata (the default, what kubectl uses for <c>--show-labels</c>).</summary>
    Metadata,
    Object,
}
