namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Owner chains in two clusters for the owner searches. In cluster-1: Deployment default/web -> ReplicaSets web-abc and
/// web-old -> Pods; a pod that references web-abc without being controlled by it; StatefulSet default/web -> Pod web-0;
/// Deployment staging/web -> ReplicaSet -> Pod; Node node-a -> mirror Pod kube-system/kube-proxy-node-a.
/// Cluster-2 repeats default/web with the same uids, so a search must stay within its cluster.
/// </summary>
public static class OwnerChain
{
    public const string C1 = "cluster-1";
    public const string C2 = "cluster-2";

    public static readonly TestObject Web = TestObject.Deployment("default", "web").WithLabel("app", "web");
    public static readonly TestObject WebAbc = TestObject.ReplicaSet("default", "web-abc").OwnedBy(Web);
    public static readonly TestObject WebOld = TestObject.ReplicaSet("default", "web-old").OwnedBy(Web);
    public static readonly TestObject WebAbc1 = TestObject.Pod("default", "web-abc-1").WithLabel("app", "web").OwnedBy(WebAbc);
    public static readonly TestObject WebAbc2 = TestObject.Pod("default", "web-abc-2").WithLabel("app", "web").OwnedBy(WebAbc);
    public static readonly TestObject WebOld1 = TestObject.Pod("default", "web-old-1").WithLabel("app", "web").OwnedBy(WebOld);
    public static readonly TestObject Referencing = TestObject.Pod("default", "debug-1").OwnedBy(WebAbc, controller: false);

    public static readonly TestObject WebSts = TestObject.StatefulSet("default", "web");
    public static readonly TestObject Web0 = TestObject.Pod("default", "web-0").OwnedBy(WebSts);

    public static readonly TestObject StagingWeb = TestObject.Deployment("staging", "web");
    public static readonly TestObject StagingRs = TestObject.ReplicaSet("staging", "web-xyz").OwnedBy(StagingWeb);
    public static readonly TestObject StagingPod = TestObject.Pod("staging", "web-xyz-1").OwnedBy(StagingRs);

    public static readonly TestObject NodeA = TestObject.Node("node-a");
    public static readonly TestObject MirrorPod = TestObject.Pod("kube-system", "kube-proxy-node-a").OwnedBy(NodeA);

    public static async Task SeedAsync(IStorageFactory factory, CancellationToken cancellationToken)
    {
        async Task Put(ResourceStorageConfig config, string cluster, params TestObject[] objects)
        {
            var storage = factory.GetResourceStorage(config);
            foreach (var obj in objects) await storage.UpsertAsync(cluster, obj.Build(cluster), cancellationToken);
        }

        await Put(StorageConformanceTestBase.DeploymentsConfig, C1, Web, StagingWeb);
        await Put(StorageConformanceTestBase.ReplicaSetsConfig, C1, WebAbc, WebOld, StagingRs);
        await Put(StorageConformanceTestBase.StatefulSetsConfig, C1, WebSts);
        await Put(StorageConformanceTestBase.NodesConfig, C1, NodeA);
        await Put(StorageConformanceTestBase.PodsConfig, C1, WebAbc1, WebAbc2, WebOld1, Referencing, Web0, StagingPod, MirrorPod);

        await Put(StorageConformanceTestBase.DeploymentsConfig, C2, Web);
        await Put(StorageConformanceTestBase.ReplicaSetsConfig, C2, WebAbc);
        await Put(StorageConformanceTestBase.PodsConfig, C2, WebAbc1);
    }
}
