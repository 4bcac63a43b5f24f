using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

/// <summary>Shorthands for building queries in tests.</summary>
internal static class Parse
{
    public static ListOptions Query(string query) => ListOptionsParser.Parse(query);

    /// <summary>A query with only a label selector, URL-encoded.</summary>
    public static ListOptions Labels(string selector, string otherParams = "") =>
        ListOptionsParser.Parse(LabelQuery(selector) + (otherParams.Length > 0 ? "&" + otherParams : ""));

    public static string LabelQuery(string selector) => "labelSelector=" + Uri.EscapeDataString(selector);

    public static ListOptionsException Fails(string query) =>
        Assert.Throws<ListOptionsException>(() => ListOptionsParser.Parse(query));
}
