namespace Clusterpedia.Storage;

/// <summary>How a storage call failed; the API server maps these to Kubernetes Status codes in one place.</summary>
public enum StorageErrorKind
{
    /// <summary>No such object or collection resource (404).</summary>
    NotFound,
    /// <summary>Create of a key that is taken (409).</summary>
    AlreadyExists,
    /// <summary>A watch resourceVersion or continue token is too old (410).</summary>
    Expired,
    /// <summary>The layer does not implement this verb (405).</summary>
    NotSupported,
    /// <summary>The request is well-formed but this layer cannot answer it, e.g. a list field in a field selector (400).</summary>
    Invalid,
    /// <summary>A transient failure (connection lost, timeout, lock wait, read-only, shutdown): the synchro retries it.</summary>
    Recoverable,
    /// <summary>The statement ran past the storage's statement timeout and was cancelled in the database (504); the synchro retries it.</summary>
    Timeout,
    /// <summary>Anything else: the synchro counts and logs it, the API answers 500.</summary>
    Fatal,
}

public sealed class StorageException : Exception
{
    public StorageException(StorageErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public StorageErrorKind Kind { get; }

    /// <summary>True when retrying the same call may succeed.</summary>
    public bool IsRecoverable => Kind is StorageErrorKind.Recoverable or StorageErrorKind.Timeout;

    public static StorageException NotFound(string message) => new(StorageErrorKind.NotFound, message);
    public static StorageException AlreadyExists(string message) => new(StorageErrorKind.AlreadyExists, message);
    public static StorageException Expired(string message) => new(StorageErrorKind.Expired, message);
    public static StorageException NotSupported(string message) => new(StorageErrorKind.NotSupported, message);
    public static StorageException Invalid(string message) => new(StorageErrorKind.Invalid, message);
    public static StorageException Recoverable(string message, Exception? inner = null) => new(StorageErrorKind.Recoverable, message, inner);
    public static StorageException Timeout(string message, Exception? inner = null) => new(StorageErrorKind.Timeout, message, inner);
    public static StorageException Fatal(string message, Exception? inner = null) => new(StorageErrorKind.Fatal, message, inner);
}
