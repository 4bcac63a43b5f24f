using System.Net.Http.Headers;
using k8s.Authentication;

namespace Clusterpedia.Kube.Connection;

/// <summary>
/// A kubeconfig user's <c>tokenFile</c>. Read when the kubeconfig is loaded (an unreadable or empty file is an error
/// then, as in client-go), then again at most once a minute so a rotated token is picked up; a failed re-read keeps
/// the last token, as client-go's cached file token source does.
/// </summary>
internal sealed class TokenFileProvider : ITokenProvider
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string _token;
    private long _readAt;

    private TokenFileProvider(string path, string token, TimeProvider time)
    {
        _path = path;
        _token = token;
        _time = time;
        _readAt = time.GetTimestamp();
    }

    /// <exception cref="KubeConfigException">When the file cannot be read or is empty.</exception>
    public static TokenFileProvider Open(string path, string userName, TimeProvider? time = null)
    {
        string? token;
        try
        {
            token = Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"user \"{userName}\": tokenFile \"{path}\" cannot be read: {e.Message}", e);
        }
        return new TokenFileProvider(path, token ?? throw new KubeConfigException($"user \"{userName}\": tokenFile \"{path}\" is empty"),
            time ?? TimeProvider.System);
    }

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_time.GetElapsedTime(_readAt) >= RereadAfter)
            {
                _readAt = _time.GetTimestamp();
                try
                {
                    _token = Read(_path) ?? _token;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Keep the last token; the server says 401 if it has expired.
                }
            }
            return Task.FromResult(new AuthenticationHeaderValue("Bearer", _token));
        }
    }

    private static string? Read(string path) => File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;
}
