using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Http;

/// <summary>
/// gzip as kube-apiserver sends it: responses over 128 KiB to a request that accepts gzip, for lists, get and collection
/// resources in every output (JSON, Table, YAML, metadata); smaller responses and watch streams go out plain.
/// </summary>
public sealed class ResponseCompressionTests : IAsyncLifetime
{
    private const string Root = "apis/clusterpedia.io/v1beta1/resources";
    private const string Bulk = Root + "/clusters/c1/api/v1/namespaces/bulk/pods";
    private const string Small = Root + "/clusters/c1/api/v1/namespaces/small/pods";
    private const int BulkPods = 600;
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(https: true);
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods]);
        await _host.Storage.UpsertAsync(Pods, "c1", Enumerable.Range(0, BulkPods).Select(i => Pod("c1", "bulk", $"bulk-{i:D4}")).ToArray());
        await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "small", "one"), Pod("c1", "small", "two"));
        var big = Pod("c1", "large", "big");
        big["metadata"]!["annotations"]!["example.io/blob"] = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{i % 97:D2}-ab "));
        await _host.Storage.UpsertAsync(Pods, "c1", big);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string? acceptEncoding, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _host.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} -> {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        return (response, body);
    }

    private static byte[] Gunzip(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static bool IsGzip(HttpResponseMessage response) => response.Content.Headers.ContentEncoding.Contains("gzip");

    public static TheoryData<string, string?> LargeResponses => new()
    {
        { Bulk, null },
        { Bulk, "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" },
        { Bulk + "?includeObject=Object", "application/json;as=Table;v=v1;g=meta.k8s.io" },
        { Bulk, "application/yaml" },
        { Bulk, "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1" },
        { "apis/clusterpedia.io/v1beta1/collectionresources/any?resources=/pods", null },
        { Root + "/clusters/c1/api/v1/namespaces/large/pods/big", null },
        { Root + "/clusters/c1/api/v1/namespaces/large/pods/big", "application/yaml" },
    };

    [Theory]
    [MemberData(nameof(LargeResponses))]
    public async Task Responses_over_128_KiB_are_gzipped_when_accepted_and_decompress_to_the_plain_response(string path, string? accept)
    {
        var (plainResponse, plain) = await GetAsync(path, acceptEncoding: null, accept);
        Assert.False(IsGzip(plainResponse));
        Assert.True(plain.Length > 128 * 1024, $"{path} is only {plain.Length} bytes");

        var (response, body) = await GetAsync(path, "gzip, deflate", accept);
        Assert.True(IsGzip(response), $"{path} was not gzipped");
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(plainResponse.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(plain, Gunzip(body));
        Assert.True(body.Length * 10 <= plain.Length, $"{path}: {body.Length} gzipped bytes for {plain.Length}");
    }

    [Fact]
    public async Task A_list_of_600_pods_shrinks_tenfold_and_is_the_same_json()
    {
        var (_, plain) = await GetAsync(Bulk, acceptEncoding: null);
        var (response, body) = await GetAsync(Bulk, "gzip");
        Assert.True(IsGzip(response));
        Assert.Equal(BulkPods, JsonNode.Parse(Gunzip(body))!["items"]!.AsArray().Count);
        Assert.Equal(Encoding.UTF8.GetString(plain), Encoding.UTF8.GetString(Gunzip(body)));
        Assert.True(body.Length * 10 <= plain.Length, $"{body.Length} gzipped bytes for {plain.Length}");
    }

    [Theory]
    [InlineData(Small)]
    [InlineData(Root + "/clusters/c1/api/v1/namespaces/small/pods/one")]
    [InlineData("apis/clusterpedia.io/v1beta1")]
    public async Task Responses_below_128_KiB_go_out_plain_with_their_length(string path)
    {
        var (response, body) = await GetAsync(path, "gzip");
        Assert.False(IsGzip(response));
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(JsonNode.Parse(body));
    }

    [Theory]
    [MemberData(nameof(AcceptEncodingTests.Headers), MemberType = typeof(AcceptEncodingTests))]
    public async Task Accept_encoding_decides_and_a_malformed_one_means_plain_not_an_error(string header, bool gzip)
    {
        var (response, body) = await GetAsync(Bulk, header);
        Assert.Equal(gzip, IsGzip(response));
        Assert.Equal(BulkPods, JsonNode.Parse(gzip ? Gunzip(body) : body)!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Watch_is_never_compressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Bulk}?watch=true");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(IsGzip(response));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        for (var i = 0; i < BulkPods; i++)
            Assert.Equal("ADDED", (string?)JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!["type"]);
    }

    [Fact]
    public async Task Curl_compressed_gets_gzip_and_the_same_list()
    {
        const string curl = "/usr/bin/curl";
        Assert.True(File.Exists(curl), $"curl is required at {curl}");
        var (_, plain) = await GetAsync(Bulk, acceptEncoding: null);
        var output = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(curl) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["-sS", "--insecure", "--compressed", "-D", "-", "-o", output, new Uri(_host.BaseAddress, Bulk).ToString()])
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var headers = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"curl exited {process.ExitCode}: {stderr}");
            Assert.Contains("content-encoding: gzip", headers, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(plain, await File.ReadAllBytesAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Kubectl_reads_gzipped_tables_and_lists()
    {
        using var kubectl = new Kubectl.Kubectl(_host.ResourcesUrl + "/clusters/c1");
        var (code, table, log) = await kubectl.RunAsync("get", "pods", "-n", "bulk", "-v=8");
        Assert.True(code == 0, log);
        Assert.Equal(BulkPods + 1, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // Go's transport asks for gzip itself and drops Content-Encoding once it has decompressed; Vary stays, and we only
        // send it with gzip.
        Assert.True(log.Contains("Vary: Accept-Encoding"), log);

        var list = JsonNode.Parse(await kubectl.OkAsync("get", "pods", "-n", "bulk", "-o", "json"))!;
        Assert.Equal(BulkPods, list["items"]!.AsArray().Count);
    }
}
