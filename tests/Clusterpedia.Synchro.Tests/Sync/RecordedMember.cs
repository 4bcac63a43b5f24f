using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>
/// A member kube-apiserver (plain HTTP on loopback) that answers only with the bodies in <c>Recorded/</c>, written by
/// hand from reference/kube-apiserver-wire.md rather than produced by our simulator: a second, independent check
/// that the synchro reads what a real server sends.
/// <para>
/// The pods follow a script: the first list is <c>pods-page-1.json</c> then, for its continue token,
/// <c>pods-page-2.json</c>; the first watch streams <c>pods-watch.jsonl</c> (ADDED, MODIFIED, DELETED, BOOKMARK) and
/// ends, as at a server timeout; the second watch waits for <see cref="ExpireWatch"/> and answers
/// <c>pods-watch-expired.jsonl</c> (200 and one ERROR 410 event), or <c>pods-watch-gone.json</c> (HTTP 410) when started
/// with <c>expiredAsHttp410</c>; later lists are <c>pods-relist.json</c>. Every other watch stays open and quiet.
/// </para>
/// </summary>
public sealed class RecordedMember : IAsyncDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Recorded");

    private readonly WebApplication _app;
    private readonly string _page1Continue;
    private readonly TaskCompletionSource _expire = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private int _podLists, _podWatches, _serviceWatches;

    private readonly bool _expiredAsHttp410;

    private RecordedMember(WebApplication app, bool expiredAsHttp410)
    {
        _app = app;
        _expiredAsHttp410 = expiredAsHttp410;
        using var page1 = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "pods-page-1.json")));
        _page1Continue = page1.RootElement.GetProperty("metadata").GetProperty("continue").GetString()!;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request's path and query, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The path and query of each pods watch so far.</summary>
    public IEnumerable<string> PodWatches => Requests.Where(r => r.StartsWith("/api/v1/pods?", StringComparison.Ordinal) && r.Contains("watch=true", StringComparison.Ordinal));

    /// <summary>Lets the held second pods watch answer with its ERROR 410 event.</summary>
    public void ExpireWatch() => _expire.TrySetResult();

    public static async Task<RecordedMember> StartAsync(bool expiredAsHttp410 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var member = new RecordedMember(app, expiredAsHttp410);
        app.Run(member.HandleAsync);
        await app.StartAsync();
        member.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return member;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        Requests.Enqueue(path + ctx.Request.QueryString);
        var query = ctx.Request.Query;
        var watch = query["watch"] == "true";
        switch (path)
        {
            case "/readyz" or "/healthz" or "/livez":
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync("ok");
                return;
            case "/version": await FileAsync(ctx, "version.json"); return;
            case "/api": await FileAsync(ctx, "api.json"); return;
            case "/api/v1": await FileAsync(ctx, "api-v1.json"); return;
            case "/apis": await FileAsync(ctx, "apis.json"); return;
            case "/apis/apps/v1": await FileAsync(ctx, "apis-apps-v1.json"); return;
            case "/apis/stable.example.com/v1": await FileAsync(ctx, "apis-stable.example.com-v1.json"); return;
            // An aggregated API whose backend is down: discovery of the rest must go on.
            case "/apis/metrics.k8s.io/v1beta1": await FileAsync(ctx, "apis-metrics.k8s.io-v1beta1.json", 503); return;
            case "/api/v1/pods" when watch:
                await PodWatchAsync(ctx);
                return;
            case "/api/v1/pods":
                var file = query["continue"] == _page1Continue ? "pods-page-2.json"
                    : Interlocked.Increment(ref _podLists) == 1 ? "pods-page-1.json" : "pods-relist.json";
                await FileAsync(ctx, file);
                return;
            case "/apis/apps/v1/deployments" or "/apis/stable.example.com/v1/crontabs" when watch:
                await QuietWatchAsync(ctx);
                return;
            case "/apis/apps/v1/deployments": await FileAsync(ctx, "deployments.json"); return;
            // Items and watch objects the synchro must skip and count, beside valid ones.
            case "/api/v1/services" when watch:
                if (Interlocked.Increment(ref _serviceWatches) == 1) await FileAsync(ctx, "services-watch.jsonl");
                else await QuietWatchAsync(ctx);
                return;
            case "/api/v1/services": await FileAsync(ctx, "services-with-bad-items.json"); return;
            case "/apis/stable.example.com/v1/crontabs": await FileAsync(ctx, "crontabs.json"); return;
        }
        ctx.Response.StatusCode = 404;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""");
    }

    private async Task PodWatchAsync(HttpContext ctx)
    {
        switch (Interlocked.Increment(ref _podWatches))
        {
            case 1:
                await FileAsync(ctx, "pods-watch.jsonl");
                return;
            case 2:
                if (!_expiredAsHttp410) await StartStreamAsync(ctx);
                using (var held = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await _expire.Task.WaitAsync(held.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                if (_expiredAsHttp410) await FileAsync(ctx, "pods-watch-gone.json", 410);
                else await ctx.Response.SendFileAsync(Path.Combine(Folder, "pods-watch-expired.jsonl"));
                return;
            default:
                await QuietWatchAsync(ctx);
                return;
        }
    }

    /// <summary>A 200 watch that sends nothing until the client goes away or the server stops.</summary>
    private async Task QuietWatchAsync(HttpContext ctx)
    {
        await StartStreamAsync(ctx);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, open.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task StartStreamAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync();
        await ctx.Response.Body.FlushAsync();
    }

    private static async Task FileAsync(HttpContext ctx, string name, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.SendFileAsync(Path.Combine(Folder, name));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
