namespace Clusterpedia.Hosting;

/// <summary>A flag value or the storage selection is unusable; the message names the flag and the problem (exit code 1).</summary>
public sealed class HostConfigurationException(string message, Exception? innerException = null) : Exception(message, innerException);
