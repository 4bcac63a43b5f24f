using System.Globalization;

namespace Clusterpedia.ClusterSimulator;

/// <summary>Fills a store with namespaces, deployment -> replicaset -> pod chains, a CRD and its custom objects, HPAs for deployments.</summary>
public static class ClusterPopulation
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Populate(SimulatedStore store, SimulatorOptions options, Random random)
    {
        for (var n = 0; n < options.Namespaces; n++)
            store.Create(new ObjectSpec(SimulatedResource.Namespaces, "", Ns(n), NewUid(random), Epoch, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = Ns(n) }, null));

        store.Create(new ObjectSpec(SimulatedResource.CustomResourceDefinitions, "", $"{SimulatedResource.CronTabs.Resource}.{SimulatedResource.CronTabs.Group}", NewUid(random), Epoch, new Dictionary<string, string>(), null));

        for (var d = 0; d < options.Deployments; d++)
        {
            var ns = Ns(d % Math.Max(1, options.Namespaces));
            var app = $"app-{d}";
            var labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = d % 2 == 0 ? "web" : "backend" };
            var deploy = new ObjectSpec(SimulatedResource.Deployments, ns, app, NewUid(random), Epoch.AddMinutes(d), labels, null);
            store.Create(deploy);
            var hash = Hash(random);
            var rsLabels = new Dictionary<string, string>(labels) { ["pod-template-hash"] = hash };
            var rs = new ObjectSpec(SimulatedResource.ReplicaSets, ns, $"{app}-{hash}", NewUid(random), Epoch.AddMinutes(d), rsLabels,
                new OwnerSpec("apps/v1", "Deployment", deploy.Name, deploy.Uid));
            store.Create(rs);
            for (var p = 0; p < options.PodsPerReplicaSet; p++) store.CreatePodWithEvent(NewPod(rs, random), random);
        }

        for (var c = 0; c < options.CronTabs; c++) store.Create(NewCronTab(Ns(c % Math.Max(1, options.Namespaces)), c, random));

        // Last, so clusters without HPAs draw the same random numbers as before HPAs existed.
        var deployments = store.Keys(SimulatedResource.Deployments).Select(k => store.Get(SimulatedResource.Deployments, k)!.Spec).OrderBy(d => d.Created).ToList();
        for (var h = 0; h < options.HorizontalPodAutoscalers && deployments.Count > 0; h++)
            store.Create(NewHorizontalPodAutoscaler(deployments[h % deployments.Count], h / deployments.Count, random));
    }

    /// <summary>An HPA scaling <paramref name="deployment"/>, named after it as <c>kubectl autoscale</c> names it (with a suffix past the first).</summary>
    public static ObjectSpec NewHorizontalPodAutoscaler(ObjectSpec deployment, int index, Random random) =>
        new(SimulatedResource.HorizontalPodAutoscalersV2, deployment.Namespace, index == 0 ? deployment.Name : $"{deployment.Name}-{index}", NewUid(random),
            deployment.Created, new Dictionary<string, string>(), new OwnerSpec("apps/v1", "Deployment", deployment.Name, deployment.Uid));

    public static ObjectSpec NewPod(ObjectSpec replicaSet, Random random) =>
        new(SimulatedResource.Pods, replicaSet.Namespace, $"{replicaSet.Name}-{Suffix(random)}", NewUid(random), DateTimeOffset.UtcNow,
            replicaSet.Labels, new OwnerSpec("apps/v1", "ReplicaSet", replicaSet.Name, replicaSet.Uid));

    /// <summary>The scheduler's event about a pod.</summary>
    public static ObjectSpec NewEvent(ObjectSpec pod, Random random) =>
        new(SimulatedResource.Events, pod.Namespace, $"{pod.Name}.{random.Next(0x10000000, int.MaxValue):x}", NewUid(random), DateTimeOffset.UtcNow,
            new Dictionary<string, string>(), new OwnerSpec("v1", "Pod", pod.Name, pod.Uid));

    public static ObjectSpec NewCronTab(string @namespace, int index, Random random) =>
        new(SimulatedResource.CronTabs, @namespace, $"cron-{index}-{Suffix(random)}", NewUid(random), DateTimeOffset.UtcNow,
            new Dictionary<string, string> { ["app"] = $"cron-{index}" }, null);

    public static string Ns(int index) => $"ns-{index}";

    private static string NewUid(Random random)
    {
        Span<byte> b = stackalloc byte[16];
        random.NextBytes(b);
        return new Guid(b).ToString();
    }

    private static string Hash(Random random) => random.Next(0x10000000, int.MaxValue).ToString("x", CultureInfo.InvariantCulture)[..8];

    private static string Suffix(Random random)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> s = stackalloc char[5];
        for (var i = 0; i < s.Length; i++) s[i] = alphabet[random.Next(alphabet.Length)];
        return new string(s);
    }
}
