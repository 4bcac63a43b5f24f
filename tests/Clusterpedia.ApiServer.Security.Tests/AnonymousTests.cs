using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>system:anonymous only when explicitly enabled, or from loopback when nothing else is configured.</summary>
public sealed class AnonymousTests : SecurityTestBase
{
    [Fact]
    public async Task Anonymous_is_off_unless_enabled()
    {
        var off = await StartAsync(FullOptions());
        (await Track(off.Client()).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(401, "Unauthorized");

        var on = await StartAsync(FullOptions() with { AllowAnonymous = AnonymousAccess.Enabled });
        (await Track(on.Client()).GetJsonAsync(SecuredServer.PodsPath)).AssertOk();
        var me = (await Track(on.Client()).GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("system:anonymous", (string?)me["user"]);
        Assert.Equal(["system:unauthenticated"], me["groups"].Strings());
        // Anonymous requests are still authorized.
        Assert.Equal("system:anonymous", (string?)Peer.AccessReviews.Last()["spec"]!["user"]);
    }

    [Fact]
    public async Task Anonymous_users_can_be_denied_by_SubjectAccessReview()
    {
        Peer.DeniedUsers["system:anonymous"] = "no anonymous search";
        var server = await StartAsync(FullOptions() with { AllowAnonymous = AnonymousAccess.Enabled });
        (await Track(server.Client()).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(403, "Forbidden");
    }

    [Theory]
    [InlineData(null, false, AnonymousAccess.LoopbackOnly)]
    [InlineData(null, true, AnonymousAccess.Disabled)]
    [InlineData(true, true, AnonymousAccess.Enabled)]
    [InlineData(false, false, AnonymousAccess.Disabled)]
    public void Flag_default_depends_on_whether_any_authentication_is_configured(bool? flag, bool hasSource, AnonymousAccess expected) =>
        Assert.Equal(expected, AnonymousAccessDefaults.Resolve(flag, hasSource));

    [Fact]
    public async Task Loopback_only_serves_loopback_clients_and_401s_the_network()
    {
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.True(external is not null, "this test needs a non-loopback IPv4 address on the machine");

        var server = await StartAsync(new SecurityOptions { AllowAnonymous = AnonymousAccess.LoopbackOnly }, IPAddress.Any);
        var port = server.Address.Port;
        var local = Track(server.Client(address: new Uri($"https://127.0.0.1:{port}/")));
        var me = (await local.GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("system:anonymous", (string?)me["user"]);

        // The serving certificate is for 127.0.0.1; the client trusts the CA and ignores the name for this address.
        var remote = Track(server.Client(address: new Uri($"https://{external}:{port}/"), ignoreName: true));
        (await remote.GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
        Assert.Equal(200, (await remote.GetJsonAsync("healthz")).Code);
    }
}
