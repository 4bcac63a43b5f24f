using System.Globalization;

namespace Clusterpedia.ClusterSimulator;

/// <summary>Timestamps as kube encodes them: <c>metav1.Time</c> in whole seconds, <c>metav1.MicroTime</c> with six digits, both UTC with Z.</summary>
public static class KubeTime
{
    /// <summary><c>2025-03-03T02:03:00Z</c>: creationTimestamp, lastTransitionTime, managedFields time.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>2025-03-03T02:03:00.123456Z</c>: an Event's eventTime, a Lease's renewTime.</summary>
    public static string MicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
