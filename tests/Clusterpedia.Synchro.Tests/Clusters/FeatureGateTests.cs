using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Tests.Clusters;

public sealed class FeatureGateTests
{
    [Fact]
    public void DefaultsPruneAndAllowNothingExtra()
    {
        var o = SynchroFeatureGates.Apply(new ClusterSynchroManagerOptions(), null);
        Assert.True(o.Synchro.Resource.Prune.ManagedFields);
        Assert.True(o.Synchro.Resource.Prune.LastAppliedConfiguration);
        Assert.False(o.Synchro.Gates.AllowSyncAllResources);
        Assert.False(o.ClusterAuthenticationFromSecret);
    }

    [Fact]
    public void GatesMapToOptions()
    {
        var o = SynchroFeatureGates.Apply(new ClusterSynchroManagerOptions(),
            "PruneManagedFields=false, AllowSyncAllResources=true,AllowSyncAllCustomResources=TRUE,IgnoreSyncLease=true,HealthCheckerWithStandaloneTCP=true");
        Assert.False(o.Synchro.Resource.Prune.ManagedFields);
        Assert.True(o.Synchro.Resource.Prune.LastAppliedConfiguration);
        Assert.Equal(new Synchro.Clusters.NegotiationGates(true, true, true), o.Synchro.Gates);
        Assert.True(SynchroFeatureGates.Apply(new ClusterSynchroManagerOptions(), "ClusterAuthenticationFromSecret=true").ClusterAuthenticationFromSecret);
    }

    [Theory]
    [InlineData("Nope=true", "unrecognized feature gate: Nope")]
    [InlineData("PruneManagedFields=yes", "invalid value of PruneManagedFields")]
    [InlineData("PruneManagedFields", "is not Name=true|false")]
    public void BadGatesNameTheProblem(string gates, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => SynchroFeatureGates.Apply(new ClusterSynchroManagerOptions(), gates)).Message,
            StringComparison.Ordinal);
}
