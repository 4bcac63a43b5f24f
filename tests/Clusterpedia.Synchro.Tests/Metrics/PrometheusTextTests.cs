using Clusterpedia.Objects;
using Clusterpedia.Synchro.Metrics;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Fact]
    public void RendersAKnownSnapshotExactly()
    {
        var histogram = new DurationHistogram();
        histogram.Observe(TimeSpan.FromMilliseconds(0.5));
        histogram.Observe(TimeSpan.FromMilliseconds(20));
        histogram.Observe(TimeSpan.FromSeconds(40));
        var metrics = new SynchroMetrics(
            [new ResourceSynchroMetrics("c1", new GroupVersionResource("apps", "v1", "deployments"), 5, 2, 1, 0, 4, 3, histogram.Snapshot())],
            [new ClusterConditionCount("Ready", "True", 1), new ClusterConditionCount("Ready", "False", 0)]);

        var lines = PrometheusText.Render(metrics, "v0.1.0").Split('\n');

        const string labels = "cluster=\"c1\",group=\"apps\",version=\"v1\",resource=\"deployments\"";
        Assert.Equal("", lines[^1]); // the format ends every line, the last one included
        Assert.Equal(
        [
            "# HELP clusterpedia_build_info A metric with a constant '1' value labeled by the build's version.",
            "# TYPE clusterpedia_build_info gauge",
            "clusterpedia_build_info{version=\"v0.1.0\"} 1",
            "# HELP clustersynchro_clusters Number of clusters per condition status (Ready, ClusterHealthy, SynchroRunning).",
            "# TYPE clustersynchro_clusters gauge",
            "clustersynchro_clusters{condition=\"Ready\",status=\"True\"} 1",
            "clustersynchro_clusters{condition=\"Ready\",status=\"False\"} 0",
        ], lines[..7]);
        Assert.Contains("# TYPE clustersynchro_resourcesynchro_resource_added_total counter", lines);
        Assert.Contains($"clustersynchro_resourcesynchro_resource_added_total{{{labels}}} 5", lines);
        Assert.Contains($"clustersynchro_resourcesynchro_resource_updated_total{{{labels}}} 2", lines);
        Assert.Contains($"clustersynchro_resourcesynchro_resource_deleted_total{{{labels}}} 1", lines);
        Assert.Contains($"clustersynchro_resourcesynchro_resource_failed_total{{{labels}}} 0", lines);
        Assert.Contains("# TYPE clustersynchro_resourcesynchro_storaged_resource_total gauge", lines);
        Assert.Contains($"clustersynchro_resourcesynchro_storaged_resource_total{{{labels}}} 4", lines);
        Assert.Contains($"clustersynchro_resourcesynchro_queue_depth{{{labels}}} 3", lines);

        var start = Array.IndexOf(lines, "# TYPE clustersynchro_resourcesynchro_storage_duration_seconds histogram");
        Assert.True(start > 0);
        Assert.Equal(
        [
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.001\"}} 1",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.005\"}} 1",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.01\"}} 1",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.025\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.05\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.1\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.25\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"0.5\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"1\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"2.5\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"5\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"10\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"30\"}} 2",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 3",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_sum{{{labels}}} 40.0205",
            $"clustersynchro_resourcesynchro_storage_duration_seconds_count{{{labels}}} 3",
            "",
        ], lines[(start + 1)..]);
    }

    [Fact]
    public void EscapesLabelValues()
    {
        Assert.Equal("plain-name", PrometheusText.EscapeLabelValue("plain-name"));
        Assert.Equal("a\\\\b\\\"c\\nd", PrometheusText.EscapeLabelValue("a\\b\"c\nd"));
        var text = PrometheusText.Render(SynchroMetrics.Empty, "v1 \"dev\"\n");
        Assert.Contains("clusterpedia_build_info{version=\"v1 \\\"dev\\\"\\n\"} 1\n", text, StringComparison.Ordinal);
    }
}
