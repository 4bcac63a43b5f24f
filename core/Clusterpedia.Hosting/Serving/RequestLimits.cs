using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Clusterpedia.Hosting.Serving;

/// <summary>
/// The sizes of a request's line and headers, set to what kube-apiserver accepts (Go's http.DefaultMaxHeaderBytes,
/// 1 MiB) rather than Kestrel's 8 KiB line and 16 KiB HTTP/2 header: a long <c>kubectl get -l 'app in (...)'</c> that
/// works against Kubernetes must work here, over HTTP/1.1 and HTTP/2 alike.
/// </summary>
internal static class RequestLimits
{
    public const int MaxHeaderBytes = 1 << 20;

    public static void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = MaxHeaderBytes;
        limits.MaxRequestHeadersTotalSize = MaxHeaderBytes;
        limits.Http2.MaxRequestHeaderFieldSize = MaxHeaderBytes;
    }
}
