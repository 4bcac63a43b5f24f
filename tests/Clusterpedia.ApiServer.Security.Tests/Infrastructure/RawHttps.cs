using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 GET written by hand over TLS, for header lines HttpClient would merge: the aggregator (Go) sends each
/// X-Remote-Group value on its own line.
/// </summary>
internal static class RawHttps
{
    public static async Task<(int Code, JsonNode Body)> GetAsync(Uri server, X509Certificate2 clientCertificate, string path, params (string Name, string Value)[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = server.Host,
            ClientCertificates = [clientCertificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
            // The server certificate is checked by the HttpClient tests; here only the request shape matters.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        var request = new StringBuilder($"GET /{path.TrimStart('/')} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers) request.Append(name).Append(": ").Append(value).Append("\r\n");
        request.Append("\r\n");
        await tls.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        using var reader = new StreamReader(tls, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var code = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = response[(split + 4)..];
        if (response[..split].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        return (code, JsonNode.Parse(body)!);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var eol = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..eol].Split(';')[0], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }
}
