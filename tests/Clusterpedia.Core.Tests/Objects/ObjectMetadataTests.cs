using System.Text;
using Clusterpedia.Objects;

namespace Clusterpedia.Tests.Objects;

public class ObjectMetadataTests
{
    // A pod as a member cluster serves it, after sync added the cluster-name annotation.
    private const string Pod = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "annotations": {
              "kubectl.kubernetes.io/restartedAt": "2024-05-01T10:00:00Z",
              "shadow.clusterpedia.io/cluster-name": "cluster-1"
            },
            "creationTimestamp": "2024-05-02T03:04:05Z",
            "generateName": "web-7d4b9c6f5d-",
            "labels": { "app": "web", "pod-template-hash": "7d4b9c6f5d" },
            "managedFields": [ { "manager": "kube-controller-manager", "fieldsV1": { "f:metadata": {} } } ],
            "name": "web-7d4b9c6f5d-x2x9k",
            "namespace": "default",
            "ownerReferences": [
              { "apiVersion": "v1", "kind": "ConfigMap", "name": "side", "uid": "cm-uid" },
              {
                "apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true,
                "kind": "ReplicaSet", "name": "web-7d4b9c6f5d", "uid": "8b3f7d2e-1111-4c2d-9e0f-aaaaaaaaaaaa"
              }
            ],
            "resourceVersion": "123456",
            "uid": "5f0e9a3c-2222-4b5c-8d7e-bbbbbbbbbbbb"
          },
          "spec": { "containers": [ { "name": "web", "image": "nginx:1.25" } ], "nodeName": "node-1" },
          "status": { "phase": "Running", "podIP": "10.0.0.12" }
        }
        """;

    [Fact]
    public void ReadsTheMetadataOfARealisticPod()
    {
        var m = ObjectMetadata.Read(Encoding.UTF8.GetBytes(Pod));
        Assert.Equal("v1", m.ApiVersion);
        Assert.Equal("Pod", m.Kind);
        Assert.Equal("web-7d4b9c6f5d-x2x9k", m.Name);
        Assert.Equal("default", m.Namespace);
        Assert.Equal("5f0e9a3c-2222-4b5c-8d7e-bbbbbbbbbbbb", m.Uid);
        Assert.Equal("123456", m.ResourceVersion);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 3, 4, 5, TimeSpan.Zero), m.CreationTimestamp);
        Assert.Null(m.DeletionTimestamp);
        Assert.Equal("web", m.Labels["app"]);
        Assert.Equal(2, m.Labels.Count);
        Assert.Equal("cluster-1", m.Cluster);
        Assert.Equal("2024-05-01T10:00:00Z", m.Annotations["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal(2, m.OwnerReferences.Count);
        Assert.False(m.OwnerReferences[0].Controller);
        Assert.Equal(new OwnerReference("apps/v1", "ReplicaSet", "web-7d4b9c6f5d", "8b3f7d2e-1111-4c2d-9e0f-aaaaaaaaaaaa", true), m.OwnerReferences[1]);
        Assert.Equal("8b3f7d2e-1111-4c2d-9e0f-aaaaaaaaaaaa", m.ControllerUid);
    }

    [Fact]
    public void ReadsDeletionTimestampWithAnOffsetAsUtc()
    {
        var m = ObjectMetadata.Read("""{"metadata":{"name":"a","deletionTimestamp":"2024-05-02T05:04:05+02:00"}}"""u8);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 3, 4, 5, TimeSpan.Zero), m.DeletionTimestamp);
        Assert.Equal(TimeSpan.Zero, m.DeletionTimestamp!.Value.Offset);
    }

    [Fact]
    public void MissingPartsAreEmpty()
    {
        var m = ObjectMetadata.Read("""{"kind":"Node","metadata":{"name":"n1","labels":null,"ownerReferences":null}}"""u8);
        Assert.Equal("", m.Namespace);
        Assert.Empty(m.Labels);
        Assert.Empty(m.Annotations);
        Assert.Empty(m.OwnerReferences);
        Assert.Equal("", m.ControllerUid);
        Assert.Null(m.Cluster);
        Assert.Null(m.CreationTimestamp);
    }

    [Fact]
    public void ResourceObjectReadsItsMetadataLazily()
    {
        var o = ResourceObject.FromString(Pod);
        Assert.Equal("web-7d4b9c6f5d-x2x9k", o.Metadata.Name);
        Assert.Same(o.Metadata, o.Metadata);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"pod\"")]
    [InlineData("{\"metadata\":[]}")]
    [InlineData("{\"metadata\":{\"name\":1}}")]
    [InlineData("{\"metadata\":{\"creationTimestamp\":\"yesterday\"}}")]
    [InlineData("{\"metadata\":{\"name\":")]
    public void RejectsWhatIsNotAnObject(string json) =>
        Assert.Throws<InvalidObjectException>(() => ObjectMetadata.Read(Encoding.UTF8.GetBytes(json)));
}
