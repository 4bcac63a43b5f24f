namespace Clusterpedia.ApiServer.Security;

/// <summary>Who may be served as <c>system:anonymous</c> (group <c>system:unauthenticated</c>) when no credential authenticates.</summary>
public enum AnonymousAccess
{
    /// <summary>Nobody: requests without a credential get 401 (except the always-allow paths).</summary>
    Disabled,

    /// <summary>
    /// Only connections from a loopback address: the zero-configuration local default, so a server started without any
    /// authentication flag works for kubectl on the same machine and serves nothing to the network.
    /// </summary>
    LoopbackOnly,

    /// <summary>Everybody (<c>--anonymous-auth=true</c>).</summary>
    Enabled,
}

/// <summary>The value of <c>--anonymous-auth</c> when the flag is not given.</summary>
public static class AnonymousAccessDefaults
{
    /// <summary>
    /// Disabled when any authentication source is configured; loopback-only when none is, so an unconfigured server
    /// is usable locally yet closed to the network. An explicit <c>--anonymous-auth=true|false</c> always wins.
    /// </summary>
    public static AnonymousAccess Resolve(bool? anonymousAuthFlag, bool hasAuthenticationSource) => anonymousAuthFlag switch
    {
        true => AnonymousAccess.Enabled,
        false => AnonymousAccess.Disabled,
        null => hasAuthenticationSource ? AnonymousAccess.Disabled : AnonymousAccess.LoopbackOnly,
    };
}
