namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>The kubectl suite: every class shares one <see cref="ThreeClusterBindingApiServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class KubectlSuiteCollection : ICollectionFixture<ThreeClusterBindingApiServer>
{
    public const string Name = "kubectl against binding-apiserver on the memory storage";
}
