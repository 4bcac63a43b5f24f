namespace Clusterpedia.Storage.Internal.Config;

/// <summary>A missing, unknown or malformed key in the internal storage config; the message names the key and the file.</summary>
public sealed class StorageConfigException(string message, Exception? inner = null) : Exception(message, inner);
