using System.Text.Json;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Tests.Serialization;

/// <summary>
/// Objects stored with whitespace (jsonb text, pretty-printed JSON) are served compact, their strings byte for byte,
/// wherever a stored object reaches a client: lists, get, watch, collection resources, Table rows, metadata, YAML.
/// </summary>
public sealed class CompactServingTests : IAsyncLifetime
{
    private const string Pods = "apis/clusterpedia.io/v1beta1/resources/clusters/c1/api/v1/namespaces/default/pods";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(https: true);
        _host.Source.Set("c1", ClusterHealth.Ready, [TestObjects.Pods]);
        var storage = _host.Storage.GetResourceStorage(TestObjects.Pods.StorageConfig);
        foreach (var stored in CompactObjects.Stored) await storage.UpsertAsync("c1", ResourceObject.FromString(stored), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Served(string name) => CompactObjects.Served[Array.IndexOf(CompactObjects.Names, name)];

    private static string ServedMetadata(string name)
    {
        using var doc = JsonDocument.Parse(Served(name));
        return doc.RootElement.GetProperty("metadata").GetRawText();
    }

    private async Task<string> GetTextAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} -> {(int)response.StatusCode}: {text}");
        return text;
    }

    // The raw text of every element of an array property, by the metadata.name inside it.
    private static Dictionary<string, string> RawByName(string body, string array, Func<JsonElement, JsonElement> pick)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty(array).EnumerateArray().Select(pick)
            .ToDictionary(e => (e.TryGetProperty("metadata", out var m) ? m : e).GetProperty("name").GetString()!, e => e.GetRawText());
    }

    [Fact]
    public async Task List_items_are_compact_and_the_whole_body_is_what_JSON_stringify_makes_of_it()
    {
        var body = await GetTextAsync(Pods);
        var items = RawByName(body, "items", e => e);
        Assert.Equal(CompactObjects.Names.Order(), items.Keys.Order());
        foreach (var (name, raw) in items) Assert.Equal(Served(name), raw);
        Assert.Equal(body, Node.Stringify([body]).Single());
    }

    [Fact]
    public async Task Get_serves_the_compact_object()
    {
        foreach (var name in CompactObjects.Names) Assert.Equal(Served(name), await GetTextAsync($"{Pods}/{name}"));
    }

    [Fact]
    public async Task Watch_events_carry_the_compact_object()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Pods}?watch=true");
        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var _ in CompactObjects.Names)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            using var evt = JsonDocument.Parse(line!);
            var obj = evt.RootElement.GetProperty("object");
            Assert.Equal(Served(obj.GetProperty("metadata").GetProperty("name").GetString()!), obj.GetRawText());
        }
    }

    [Fact]
    public async Task Collection_resource_items_are_compact()
    {
        var body = await GetTextAsync("apis/clusterpedia.io/v1beta1/collectionresources/any?resources=/pods");
        foreach (var (name, raw) in RawByName(body, "items", e => e)) Assert.Equal(Served(name), raw);
    }

    [Fact]
    public async Task Table_rows_embed_compact_objects_and_metadata()
    {
        var objects = await GetTextAsync($"{Pods}?includeObject=Object", "application/json;as=Table;v=v1;g=meta.k8s.io");
        foreach (var (name, raw) in RawByName(objects, "rows", r => r.GetProperty("object"))) Assert.Equal(Served(name), raw);

        var metadata = await GetTextAsync(Pods, "application/json;as=Table;v=v1;g=meta.k8s.io");
        foreach (var (name, raw) in RawByName(metadata, "rows", r => r.GetProperty("object").GetProperty("metadata")))
            Assert.Equal(ServedMetadata(name), raw);
    }

    [Fact]
    public async Task Partial_object_metadata_is_compact()
    {
        var body = await GetTextAsync(Pods, "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
        foreach (var (name, raw) in RawByName(body, "items", e => e.GetProperty("metadata"))) Assert.Equal(ServedMetadata(name), raw);
    }

    [Fact]
    public async Task Yaml_is_the_yaml_of_the_compact_object()
    {
        foreach (var name in CompactObjects.Names)
            Assert.Equal(YamlConverter.Convert(Served(name)), await GetTextAsync($"{Pods}/{name}", "application/yaml"));
        Assert.Equal(YamlConverter.Convert(await GetTextAsync(Pods)), await GetTextAsync(Pods, "application/yaml"));
    }
}
