using System.Text;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>Error bodies as kube-apiserver writes them (reference/kube-apiserver-wire.md, "Errors").</summary>
public sealed class StatusFidelityTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private RawHttp _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { RequiredToken = "right" });
        _http = new RawHttp(_cluster);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/v1/namespaces/ns-0/pods/x",
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}""")]
    [InlineData("/apis/apps/v1/namespaces/ns-0/deployments/x",
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"x\" not found","reason":"NotFound","details":{"name":"x","group":"apps","kind":"deployments"},"code":404}""")]
    [InlineData("/apis/no.such.group/v1/things",
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""")]
    public async Task NotFoundIsAStatusWithDetails(string url, string expected)
    {
        var (code, body, response) = await _http.GetAsync(url);
        Assert.Equal(404, code);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task AWrongTokenIs401Unauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
        using var response = await _http.Client.SendAsync(request);
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AThrottledRequestIs429WithRetryAfter()
    {
        _cluster.Throttle(requests: 1, retryAfterSeconds: 3);
        var (code, body, response) = await _http.GetAsync("/api/v1/pods");
        Assert.Equal(429, code);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Too many requests, please try again later.","reason":"TooManyRequests","details":{"retryAfterSeconds":3},"code":429}""", body);
        Assert.Equal(200, (await _http.GetAsync("/api/v1/pods")).Code);
    }

    [Fact]
    public async Task HealthChecksAreNotThrottled()
    {
        _cluster.Throttle(requests: 1);
        Assert.Equal(200, (await _http.GetAsync("/readyz")).Code);
        Assert.Equal(429, (await _http.GetAsync("/version")).Code);
    }

    [Fact]
    public async Task ConflictsOfWritesCarryTheObjectInTheirDetails()
    {
        const string secret = """{"metadata":{"name":"s"},"data":{}}""";
        using var first = await _http.Client.PostAsync("/api/v1/namespaces/ns-0/secrets", new StringContent(secret, Encoding.UTF8, "application/json"));
        using var again = await _http.Client.PostAsync("/api/v1/namespaces/ns-0/secrets", new StringContent(secret, Encoding.UTF8, "application/json"));
        Assert.Equal(409, (int)again.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets \"s\" already exists","reason":"AlreadyExists","details":{"name":"s","kind":"secrets"},"code":409}""",
            await again.Content.ReadAsStringAsync());

        using var stale = await _http.Client.PutAsync("/api/v1/namespaces/ns-0/secrets/s",
            new StringContent("""{"metadata":{"name":"s","resourceVersion":"1"},"data":{}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(409, (int)stale.StatusCode);
        Assert.Contains("""
            "reason":"Conflict","details":{"name":"s","kind":"secrets"},"code":409}
            """, await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
