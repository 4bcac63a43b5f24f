using System.Globalization;
using System.Text;

namespace Clusterpedia.Synchro.Metrics;

/// <summary>
/// Writes <see cref="SynchroMetrics"/> in the Prometheus text exposition format 0.0.4, by hand (no client library, AOT-safe).
/// Names follow upstream's clustersynchro_resourcesynchro_* metrics (§6.11); queue_depth and clustersynchro_clusters are ours.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const string Prefix = "clustersynchro_resourcesynchro_";

    public static string Render(SynchroMetrics metrics, string buildVersion)
    {
        var text = new StringBuilder();
        Header(text, "clusterpedia_build_info", "gauge", "A metric with a constant '1' value labeled by the build's version.");
        text.Append("clusterpedia_build_info{version=\"").Append(EscapeLabelValue(buildVersion)).Append("\"} 1\n");

        Header(text, "clustersynchro_clusters", "gauge", "Number of clusters per condition status (Ready, ClusterHealthy, SynchroRunning).");
        foreach (var c in metrics.Clusters)
        {
            text.Append("clustersynchro_clusters{condition=\"").Append(EscapeLabelValue(c.Condition))
                .Append("\",status=\"").Append(EscapeLabelValue(c.Status)).Append("\"} ").Append(c.Clusters.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Series(text, metrics, "resource_added_total", "counter", "Number of resources added to storage.", m => m.Added);
        Series(text, metrics, "resource_updated_total", "counter", "Number of resources updated in storage.", m => m.Updated);
        Series(text, metrics, "resource_deleted_total", "counter", "Number of resources deleted from storage.", m => m.Deleted);
        Series(text, metrics, "resource_failed_total", "counter", "Number of resource events that could not be stored.", m => m.Failed);
        Series(text, metrics, "storaged_resource_total", "gauge", "Number of resources known to be in storage (written or queued).", m => m.Storaged);
        Series(text, metrics, "queue_depth", "gauge", "Number of events waiting to be written to storage.", m => m.QueueDepth);

        Header(text, Prefix + "storage_duration_seconds", "histogram", "Duration of storage calls in seconds.");
        foreach (var m in metrics.Resources)
        {
            var labels = Labels(m);
            var h = m.StorageDuration;
            for (var i = 0; i < h.CumulativeCounts.Count; i++)
            {
                var le = i < h.Bounds.Count ? FormatDouble(h.Bounds[i]) : "+Inf";
                text.Append(Prefix).Append("storage_duration_seconds_bucket{").Append(labels).Append(",le=\"").Append(le).Append("\"} ")
                    .Append(h.CumulativeCounts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            text.Append(Prefix).Append("storage_duration_seconds_sum{").Append(labels).Append("} ").Append(FormatDouble(h.SumSeconds)).Append('\n');
            text.Append(Prefix).Append("storage_duration_seconds_count{").Append(labels).Append("} ").Append(h.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    private static void Series(StringBuilder text, SynchroMetrics metrics, string name, string type, string help, Func<ResourceSynchroMetrics, long> value)
    {
        Header(text, Prefix + name, type, help);
        foreach (var m in metrics.Resources)
            text.Append(Prefix).Append(name).Append('{').Append(Labels(m)).Append("} ").Append(value(m).ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static string Labels(ResourceSynchroMetrics m) =>
        $"cluster=\"{EscapeLabelValue(m.Cluster)}\",group=\"{EscapeLabelValue(m.Resource.Group)}\",version=\"{EscapeLabelValue(m.Resource.Version)}\",resource=\"{EscapeLabelValue(m.Resource.Resource)}\"";

    /// <summary>The format's label-value escapes: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.AsSpan().IndexOfAny("\\\"\n") < 0 ? value : value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string FormatDouble(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
