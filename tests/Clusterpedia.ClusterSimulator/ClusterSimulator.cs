using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// A simulated member cluster: a Kubernetes API over HTTPS (self-signed) on loopback, backed by
/// <see cref="SimulatedStore"/>. Tests control it: churn, unreachable, unhealthy, compaction, restart.
/// </summary>
public sealed class ClusterSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Random _random;
    private Churn? _churn;

    private ClusterSimulator(SimulatorOptions options, WebApplication app, X509Certificate2 certificate, Random random)
    {
        Options = options;
        _app = app;
        Certificate = certificate;
        _random = random;
        Store = new SimulatedStore(options.HistoryLimit);
        _servable = Servable(options);
        _served = _servable;
    }

    public SimulatorOptions Options { get; }
    public SimulatedStore Store { get; }
    public X509Certificate2 Certificate { get; }
    public int Port { get; private set; }
    public Uri Url => new($"{(Options.PlainHttp ? "http" : "https")}://127.0.0.1:{Port}");

    /// <summary>Every distinct Authorization header requests carried, <c>""</c> for none: what credentials clients really sent.</summary>
    public IReadOnlyCollection<string> AuthorizationHeaders => _authorizationHeaders.Keys.ToArray();

    private readonly ConcurrentDictionary<string, bool> _authorizationHeaders = new();

    internal void RecordAuthorization(string header) => _authorizationHeaders.TryAdd(header, true);

    /// <summary>When true every connection is dropped without an answer, and open watches break.</summary>
    public bool Unreachable
    {
        get;
        set
        {
            field = value;
            if (value) Store.DropWatches();
        }
    }

    /// <summary>
    /// The resources discovery lists and the API serves, a group's preferred version first; <see cref="SetServed"/> adds or
    /// removes one (a CRD coming or going).
    /// </summary>
    public IReadOnlyList<SimulatedResource> Served => _served;

    private readonly IReadOnlyList<SimulatedResource> _servable;
    private volatile IReadOnlyList<SimulatedResource> _served;

    public void SetServed(SimulatedResource resource, bool served) =>
        _served = _servable.Where(r => r == resource ? served : _served.Contains(r)).ToArray();

    /// <summary>Every resource, with autoscaling only in <see cref="SimulatorOptions.AutoscalingVersions"/>, in their order.</summary>
    private static SimulatedResource[] Servable(SimulatorOptions options)
    {
        var autoscaling = options.AutoscalingVersions.Select(SimulatedResource.HorizontalPodAutoscalersIn).ToArray();
        if (autoscaling.Length == 0) throw new ArgumentException("AutoscalingVersions names no version", nameof(options));
        return [.. SimulatedResource.All.Where(r => r.Group != "autoscaling"), .. autoscaling];
    }

    /// <summary>
    /// Answers the next <paramref name="requests"/> API requests with 429 TooManyRequests and <c>Retry-After</c>, as an
    /// overloaded apiserver does; health checks are not throttled.
    /// </summary>
    public void Throttle(int requests, int retryAfterSeconds = 1)
    {
        ThrottleRetryAfterSeconds = retryAfterSeconds;
        Interlocked.Exchange(ref _throttled, requests);
    }

    private int _throttled;

    internal int ThrottleRetryAfterSeconds { get; private set; } = 1;

    /// <summary>True (and one fewer left) when the request is to be throttled.</summary>
    internal bool TakeThrottled()
    {
        while (true)
        {
            var left = Volatile.Read(ref _throttled);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _throttled, left - 1, left) == left) return true;
        }
    }

    /// <summary>When true <c>/readyz</c> and <c>/healthz</c> answer 503; the API still works.</summary>
    public bool Unhealthy { get; set; }

    public static async Task<ClusterSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var certificate = SelfSignedCertificate.Create(options.Name);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, l =>
        {
            if (options.PlainHttp) return;
            l.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                // Asked for, never required: the API decides whether a token or a certificate authenticated the request.
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        var app = builder.Build();
        var random = new Random(options.Seed);
        var simulator = new ClusterSimulator(options, app, certificate, random);
        ClusterPopulation.Populate(simulator.Store, options, random);
        var api = new SimulatorApi(simulator);
        app.Run(api.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.Port = new Uri(address).Port;
        return simulator;
    }

    /// <summary>Starts changing objects at the given rates; replaces any running churn.</summary>
    public async Task StartChurnAsync(ChurnOptions churn)
    {
        await StopChurnAsync().ConfigureAwait(false);
        _churn = new Churn(Store, churn, _random);
    }

    public async Task StopChurnAsync()
    {
        if (_churn is { } churn)
        {
            _churn = null;
            await churn.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the event history: watches and continue tokens from before now get 410 Gone.</summary>
    public void Compact() => Store.Compact();

    /// <summary>Drops every open watch, as an apiserver restart does.</summary>
    public void Restart() => Store.DropWatches();

    /// <summary>A kubeconfig for this cluster with a token user and <c>insecure-skip-tls-verify</c>.</summary>
    public string Kubeconfig(string? token = null) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {Options.Name}
          cluster:
            server: {Url.ToString().TrimEnd('/')}
            insecure-skip-tls-verify: true
        users:
        - name: {Options.Name}-user
          user:
            token: {token ?? Options.RequiredToken ?? "simulator-token"}
        contexts:
        - name: {Options.Name}
          context:
            cluster: {Options.Name}
            user: {Options.Name}-user
        current-context: {Options.Name}
        """;

    /// <summary>
    /// A kubeconfig for this cluster whose user has no credentials (<c>user: {}</c>), trusting the simulator's
    /// certificate through <c>certificate-authority-data</c> (none over plain HTTP).
    /// </summary>
    public string KubeconfigWithoutCredentials()
    {
        var ca = Options.PlainHttp ? "" : $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Certificate.ExportCertificatePem()))}";
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{Options.Name}}
              cluster:
                server: {{Url.ToString().TrimEnd('/')}}{{ca}}
            users:
            - name: {{Options.Name}}-anonymous
              user: {}
            contexts:
            - name: {{Options.Name}}
              context:
                cluster: {{Options.Name}}
                user: {{Options.Name}}-anonymous
            current-context: {{Options.Name}}
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await StopChurnAsync().ConfigureAwait(false);
        Store.DropWatches();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }
}
