using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clusterpedia.Kube.Connection;

/// <summary>
/// Reads a kubeconfig the way client-go does. KubernetesClient.Aot parses it and handles the credentials it knows
/// (token, client certificate, exec plugin), but refuses a user without any (<c>user: {}</c>, as for a plain-HTTP or
/// proxy-authenticated API server) and ignores <c>tokenFile</c>. So the library is handed only the chosen context, its
/// cluster without the CA, and the user only when it has credentials the library reads; the CA, basic auth with a
/// username alone and <c>tokenFile</c> are applied here, and a user without credentials sends no Authorization header.
/// </summary>
internal static class KubeconfigLoader
{
    /// <param name="fileName">The kubeconfig's full path when it is a file: relative paths in it are relative to its folder.</param>
    /// <exception cref="KubeConfigException">The message names what is wrong (the caller says which kubeconfig).</exception>
    public static KubernetesClientConfiguration Load(byte[] kubeconfig, string? contextName, string? fileName)
    {
        var parsed = Parse(kubeconfig);
        var name = string.IsNullOrEmpty(contextName) ? parsed.CurrentContext : contextName;
        if (string.IsNullOrEmpty(name)) throw new KubeConfigException("the kubeconfig has no current-context");
        var context = Find(parsed.Contexts, name, c => c.Name)
            ?? throw new KubeConfigException($"context \"{name}\" is not in the kubeconfig's contexts");
        var clusterName = context.ContextDetails?.Cluster;
        if (string.IsNullOrEmpty(clusterName)) throw new KubeConfigException($"context \"{name}\" names no cluster");
        var cluster = Find(parsed.Clusters, clusterName, c => c.Name)
            ?? throw new KubeConfigException($"context \"{name}\" names cluster \"{clusterName}\", which is not in the kubeconfig's clusters");
        var endpoint = cluster.ClusterEndpoint;
        if (string.IsNullOrWhiteSpace(endpoint?.Server)) throw new KubeConfigException($"cluster \"{clusterName}\" has no server");

        // A context without a user is a user without credentials; one naming a missing user is a mistake (client-go
        // would silently go on without credentials).
        var userName = context.ContextDetails!.User;
        User? user = null;
        if (!string.IsNullOrEmpty(userName))
            user = Find(parsed.Users, userName, u => u.Name)
                ?? throw new KubeConfigException($"context \"{name}\" names user \"{userName}\", which is not in the kubeconfig's users");
        var credentials = user?.UserCredentials;
        var libraryReadsUser = credentials is not null && ReadByLibrary(credentials, user!.Name);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(new K8SConfiguration
        {
            CurrentContext = name,
            Contexts = [new Context { Name = name, ContextDetails = new ContextDetails { Cluster = clusterName, User = libraryReadsUser ? userName : null, Namespace = context.ContextDetails.Namespace } }],
            Clusters = [new Cluster { Name = clusterName, ClusterEndpoint = new ClusterEndpoint { Server = endpoint.Server, SkipTlsVerify = endpoint.SkipTlsVerify, TlsServerName = endpoint.TlsServerName } }],
            Users = libraryReadsUser ? [user!] : [],
            FileName = fileName,
        });
        config.SslCaCerts = CertificateAuthority(endpoint, clusterName, fileName);
        if (credentials is not null && config.TokenProvider is null && string.IsNullOrEmpty(config.AccessToken))
        {
            if (TokenFile(kubeconfig, user!.Name) is { Length: > 0 } tokenFile)
                config.TokenProvider = TokenFileProvider.Open(Resolve(tokenFile, fileName), user.Name);
            else if (!string.IsNullOrEmpty(credentials.UserName) && string.IsNullOrEmpty(config.Username))
            {
                // client-go sends basic auth whenever a username is set, with an empty password if none.
                config.Username = credentials.UserName;
                config.Password = credentials.Password ?? "";
            }
        }
        return config;
    }

    private static K8SConfiguration Parse(byte[] kubeconfig)
    {
        K8SConfiguration? parsed;
        try
        {
            using var stream = new MemoryStream(kubeconfig);
            parsed = KubernetesClientConfiguration.LoadKubeConfig(stream);
        }
        catch (YamlException e)
        {
            throw new KubeConfigException($"the kubeconfig is not valid: {e.Message}", e);
        }
        return parsed ?? throw new KubeConfigException("the kubeconfig is empty");
    }

    // client-go matches names exactly; KubernetesClient.Aot ignores case, so what loaded before still loads.
    private static T? Find<T>(IEnumerable<T>? items, string name, Func<T, string?> nameOf) where T : class =>
        items?.FirstOrDefault(i => string.Equals(nameOf(i), name, StringComparison.Ordinal))
        ?? items?.FirstOrDefault(i => string.Equals(nameOf(i), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the user has credentials KubernetesClient.Aot reads. What it would refuse with a vague message (half a
    /// client certificate, an auth-provider alone) is refused here with a clear one.
    /// </summary>
    private static bool ReadByLibrary(UserCredentials u, string userName)
    {
        var hasCertificate = !string.IsNullOrEmpty(u.ClientCertificateData) || !string.IsNullOrEmpty(u.ClientCertificate);
        var hasKey = !string.IsNullOrEmpty(u.ClientKeyData) || !string.IsNullOrEmpty(u.ClientKey);
        if (hasCertificate != hasKey)
            throw new KubeConfigException(hasCertificate
                ? $"user \"{userName}\" has a client certificate but no client-key-data or client-key"
                : $"user \"{userName}\" has a client key but no client-certificate-data or client-certificate");
        var reads = hasCertificate || !string.IsNullOrEmpty(u.Token) || u.ExternalExecution is not null;
        if (!reads && u.AuthProvider is { } provider)
            throw new KubeConfigException($"user \"{userName}\": auth-provider \"{provider.Name}\" is not supported; use an exec credential plugin");
        return reads;
    }

    private static X509Certificate2Collection? CertificateAuthority(ClusterEndpoint endpoint, string clusterName, string? fileName)
    {
        if (!string.IsNullOrEmpty(endpoint.CertificateAuthorityData))
        {
            byte[] data;
            try
            {
                data = Convert.FromBase64String(endpoint.CertificateAuthorityData);
            }
            catch (FormatException)
            {
                throw new KubeConfigException($"cluster \"{clusterName}\": certificate-authority-data is not base64");
            }
            return CaBundle.Parse(data, $"cluster \"{clusterName}\": certificate-authority-data");
        }
        if (string.IsNullOrEmpty(endpoint.CertificateAuthority)) return null;
        var path = Resolve(endpoint.CertificateAuthority, fileName);
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"cluster \"{clusterName}\": certificate-authority \"{path}\" cannot be read: {e.Message}", e);
        }
        return CaBundle.Parse(file, $"cluster \"{clusterName}\": certificate-authority \"{path}\"");
    }

    /// <summary>The user's <c>tokenFile</c>, which KubernetesClient.Aot's model does not carry; read from the YAML nodes.</summary>
    private static string? TokenFile(byte[] kubeconfig, string userName)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Encoding.UTF8.GetString(kubeconfig)));
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || Field(root, "users") is not YamlSequenceNode users) return null;
        var entry = users.OfType<YamlMappingNode>().FirstOrDefault(u => (Field(u, "name") as YamlScalarNode)?.Value == userName);
        return entry is not null && Field(entry, "user") is YamlMappingNode fields ? (Field(fields, "tokenFile") as YamlScalarNode)?.Value : null;
    }

    private static YamlNode? Field(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Resolve(string path, string? fileName) =>
        fileName is null || Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(fileName)!, path);
}
