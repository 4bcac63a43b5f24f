using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// A HorizontalPodAutoscaler scaling a deployment on CPU, in the version it is read in, converted as kube converts it:
/// autoscaling/v2 has <c>spec.metrics</c> (a Resource cpu Utilization target) and <c>status.currentMetrics</c> and
/// <c>status.conditions</c>; autoscaling/v1 has <c>spec.targetCPUUtilizationPercentage</c> and
/// <c>status.currentCPUUtilizationPercentage</c>, and keeps what v1 cannot hold (current metrics, conditions) in
/// <c>autoscaling.alpha.kubernetes.io/*</c> annotations.
/// </summary>
internal static class HorizontalPodAutoscalerRenderer
{
    private const int TargetUtilization = 80;

    /// <summary>Varies with every update, so an update changes what each version shows.</summary>
    private static int CurrentUtilization(ObjectSpec spec) => 40 + spec.Generation * 7 % 50;

    public static void WriteBody(Utf8JsonWriter w, ObjectSpec spec, bool withStatus)
    {
        var v1 = spec.Resource.Version == "v1";
        w.WriteStartObject("spec");
        var target = spec.Owner!;
        w.WriteStartObject("scaleTargetRef");
        w.WriteString("kind", target.Kind); w.WriteString("name", target.Name); w.WriteString("apiVersion", target.ApiVersion);
        w.WriteEndObject();
        w.WriteNumber("minReplicas", 1);
        w.WriteNumber("maxReplicas", 10);
        if (v1) w.WriteNumber("targetCPUUtilizationPercentage", TargetUtilization);
        else
        {
            w.WriteStartArray("metrics");
            w.WriteStartObject(); w.WriteString("type", "Resource");
            w.WriteStartObject("resource"); w.WriteString("name", "cpu");
            w.WriteStartObject("target"); w.WriteString("type", "Utilization"); w.WriteNumber("averageUtilization", TargetUtilization); w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        if (!withStatus) return;

        w.WriteStartObject("status");
        w.WriteNumber("observedGeneration", spec.Generation);
        w.WriteNumber("currentReplicas", 3);
        w.WriteNumber("desiredReplicas", 3);
        if (v1) w.WriteNumber("currentCPUUtilizationPercentage", CurrentUtilization(spec));
        else
        {
            w.WritePropertyName("currentMetrics");
            WriteCurrentMetrics(w, spec, v1: false);
            w.WritePropertyName("conditions");
            WriteConditions(w, spec);
        }
        w.WriteEndObject();
    }

    /// <summary>The annotations autoscaling/v1 carries the v2-only status in (JSON text, as kube's conversion writes them).</summary>
    public static IEnumerable<(string Key, string Value)> V1Annotations(ObjectSpec spec)
    {
        yield return ("autoscaling.alpha.kubernetes.io/conditions", Json(w => WriteConditions(w, spec)));
        yield return ("autoscaling.alpha.kubernetes.io/current-metrics", Json(w => WriteCurrentMetrics(w, spec, v1: true)));
    }

    private static void WriteCurrentMetrics(Utf8JsonWriter w, ObjectSpec spec, bool v1)
    {
        w.WriteStartArray();
        w.WriteStartObject(); w.WriteString("type", "Resource");
        w.WriteStartObject("resource"); w.WriteString("name", "cpu");
        var utilization = CurrentUtilization(spec);
        if (v1)
        {
            // autoscaling/v1's own MetricStatus shape (the annotation predates v2's MetricValueStatus).
            w.WriteNumber("currentAverageUtilization", utilization);
            w.WriteString("currentAverageValue", $"{utilization}m");
        }
        else
        {
            w.WriteStartObject("current"); w.WriteString("averageValue", $"{utilization}m"); w.WriteNumber("averageUtilization", utilization); w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteConditions(Utf8JsonWriter w, ObjectSpec spec)
    {
        w.WriteStartArray();
        foreach (var (type, status, reason, message) in new[]
        {
            ("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size"),
            ("ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"),
            ("ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range"),
        })
        {
            w.WriteStartObject();
            w.WriteString("type", type); w.WriteString("status", status); w.WriteString("lastTransitionTime", KubeTime.Time(spec.Created));
            w.WriteString("reason", reason); w.WriteString("message", message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
