namespace Clusterpedia.Kube.Connection;

/// <summary>Credentials that cannot be turned into a connection; the message says what is wrong.</summary>
public sealed class KubeConfigException(string message, Exception? inner = null) : Exception(message, inner);
