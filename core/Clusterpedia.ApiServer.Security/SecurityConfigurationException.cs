namespace Clusterpedia.ApiServer.Security;

/// <summary>A security flag points at something unusable (a missing file, a kubeconfig without a server); the message names the flag.</summary>
public sealed class SecurityConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
