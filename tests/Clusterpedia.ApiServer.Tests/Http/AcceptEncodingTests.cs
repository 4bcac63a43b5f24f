using Clusterpedia.ApiServer.Http;

namespace Clusterpedia.ApiServer.Tests.Http;

public sealed class AcceptEncodingTests
{
    /// <summary>Accept-Encoding headers and whether gzip may be sent (RFC 9110 §12.5.3); malformed ones count as absent.</summary>
    public static TheoryData<string, bool> Headers => new()
    {
        { "gzip", true },
        { "GZip", true },
        { " gzip ; q=0.5 ", true },
        { "gzip, deflate, br, zstd", true },
        { "deflate;q=1.0, x-gzip;q=0.8", true },
        { "*", true },
        { "br;q=1, *;q=0.1", true },
        { "gzip,,br", true },
        { "gzip;Q=1.000", true },
        { "identity;q=0.5, gzip", true },
        { "gzip;q=0", false },
        { "gzip;q=0.000", false },
        { "*;q=0", false },
        { "gzip;q=0, *", false },
        { "gzip;q=0.3, identity", false },
        { "identity", false },
        { "br, deflate", false },
        { "", false },
        { "gzip;q=abc", false },
        { "gzip;q=2", false },
        { "gzip;q=1.5", false },
        { "gzip;q=0.1234", false },
        { "gzip;q", false },
        { "gzip;level=9", false },
        { ";q=1", false },
        { "gz ip", false },
        { "\"gzip\"", false },
        { "gzip;q=-1", false },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Gzip_is_allowed_by_weight_and_never_by_a_malformed_header(string header, bool gzip) =>
        Assert.Equal(gzip, AcceptEncoding.AllowsGzip(header));
}
