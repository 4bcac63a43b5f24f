namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

/// <summary>A fresh PKI and review peer per test; servers started through <see cref="StartAsync"/> are stopped afterwards.</summary>
public abstract class SecurityTestBase : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<IDisposable> _clients = [];
    internal TestPki Pki { get; } = new();
    internal ReviewPeer Peer { get; private set; } = null!;

    public async Task InitializeAsync() => Peer = await ReviewPeer.StartAsync(Pki);

    /// <summary>Options with every authentication source and SubjectAccessReview against the peer.</summary>
    internal SecurityOptions FullOptions() => new()
    {
        ClientCaFile = Pki.ClientCa.CertificatePath,
        RequestHeaderClientCaFile = Pki.ProxyCa.CertificatePath,
        RequestHeaderAllowedNames = ["front-proxy-client"],
        AuthenticationKubeconfig = Peer.WriteKubeconfig(Pki),
        AuthorizationKubeconfig = Peer.WriteKubeconfig(Pki),
    };

    internal async Task<SecuredServer> StartAsync(SecurityOptions options, System.Net.IPAddress? bindAddress = null)
    {
        var server = await SecuredServer.StartAsync(Pki, options, bindAddress);
        _servers.Add(server);
        return server;
    }

    internal HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    /// <summary>A kubeconfig naming a port nobody listens on.</summary>
    internal string UnreachableKubeconfig()
    {
        // A port that was free a moment ago: connecting is refused.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return Pki.File($"unreachable-{port}.kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gone
              cluster:
                server: https://127.0.0.1:{port}
                certificate-authority: {Pki.ServingCa.CertificatePath}
            users:
            - name: reviewer
              user:
                token: {ReviewPeer.ReviewerToken}
            contexts:
            - name: gone
              context:
                cluster: gone
                user: reviewer
            current-context: gone
            """);
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        foreach (var s in _servers) await s.DisposeAsync();
        await Peer.DisposeAsync();
        Pki.Dispose();
    }
}
