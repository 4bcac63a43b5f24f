namespace Clusterpedia.EndToEnd.Tests;

/// <summary>Checks that a file handed to the tests is a NativeAOT executable, so a misconfigured CI cannot test a JIT build instead.</summary>
public static class NativeExecutable
{
    // Every .NET apphost, the launcher of a JIT build (framework-dependent, self-contained or single-file), carries
    // this bundle marker: the SHA-256 of ".net core bundle". A NativeAOT executable has no apphost in it.
    private static readonly byte[] ApphostBundleSignature =
    [
        0x8b, 0x12, 0x02, 0xb9, 0x6a, 0x61, 0x20, 0x38, 0x72, 0x7b, 0x93, 0x02, 0x14, 0xd7, 0xa0, 0x32,
        0x13, 0xf5, 0xb9, 0xe6, 0xef, 0xae, 0x33, 0x18, 0xee, 0x3b, 0x2d, 0xce, 0x24, 0xb3, 0x6a, 0xae,
    ];

    /// <summary>Returns the full path of <paramref name="path"/> after checking it is one native ELF executable.</summary>
    /// <param name="origin">Where the path came from, for the failure messages (e.g. the environment variable).</param>
    public static string Verify(string path, string origin)
    {
        var full = Path.GetFullPath(path);
        Assert.True(File.Exists(full), $"{origin}: {full} does not exist");
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(full).HasFlag(UnixFileMode.UserExecute), $"{origin}: {full} is not executable");
        var assembly = Path.ChangeExtension(full, ".dll");
        Assert.False(File.Exists(assembly), $"{origin}: {assembly} lies beside it, so {full} is the apphost of a JIT build, not a NativeAOT executable");
        var bytes = File.ReadAllBytes(full);
        Assert.True(bytes.AsSpan().StartsWith("\u007fELF"u8), $"{origin}: {full} is not an ELF executable");
        Assert.True(bytes.AsSpan().IndexOf(ApphostBundleSignature) < 0,
            $"{origin}: {full} is a .NET apphost (a JIT or single-file bundle build), not a NativeAOT executable");
        return full;
    }
}
