namespace Clusterpedia.Hosts.Tests;

/// <summary>Flag handling as a user meets it: the real binary, its exit code and its message.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class CommandLineTests(HostBuilds builds)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private Task<string> BindingApiServer() => builds.GetAsync("binding-apiserver", "memory");

    [Theory]
    [InlineData("--no-such-flag", "unknown flag: --no-such-flag")]
    [InlineData("--no-such-flag=1", "unknown flag: --no-such-flag")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("serve", "unexpected argument \"serve\"")]
    [InlineData("--storage-name", "flag needs an argument: --storage-name")]
    [InlineData("--secure-port=https", "invalid argument \"https\" for \"--secure-port\" flag")]
    [InlineData("--secure-port=70000", "invalid argument \"70000\" for \"--secure-port\" flag")]
    [InlineData("--bind-address=localhost", "invalid argument \"localhost\" for \"--bind-address\" flag")]
    public async Task Unparsable_command_line_exits_2_naming_the_flag(string argument, string message)
    {
        var result = await ProcessRunner.RunAsync(await BindingApiServer(), [argument], Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError);
        Assert.Contains("Run 'binding-apiserver --help' for usage.", result.StandardError);
    }

    [Fact]
    public async Task Missing_storage_config_is_a_clear_error()
    {
        var missing = Path.Combine(builds.OutputRoot, "no-such-storage-config.yaml");

        var result = await ProcessRunner.RunAsync(await BindingApiServer(), ["--storage-config", missing], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--storage-config \"{missing}\" does not exist", result.StandardError);
    }

    [Fact]
    public async Task Directory_as_storage_config_is_a_clear_error()
    {
        var result = await ProcessRunner.RunAsync(await BindingApiServer(), [$"--storage-config={builds.OutputRoot}"], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--storage-config \"{builds.OutputRoot}\" is a directory, not a file", result.StandardError);
    }

    [Fact]
    public async Task Half_a_tls_pair_is_a_clear_error()
    {
        var certFile = Path.Combine(builds.OutputRoot, "lonely.crt");
        await File.WriteAllTextAsync(certFile, "not used");

        var result = await ProcessRunner.RunAsync(await BindingApiServer(), ["--tls-cert-file", certFile], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--tls-cert-file and --tls-private-key-file must be given together", result.StandardError);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_the_upstream_flags_with_the_component_defaults(string flag)
    {
        var result = await ProcessRunner.RunAsync(await BindingApiServer(), [flag], Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:\n  binding-apiserver [flags]", result.StandardOutput);
        Assert.Contains("(default memory)", result.StandardOutput);
        foreach (var name in new[] { "--storage-name", "--storage-config", "--secure-port", "--bind-address", "--cert-dir", "--tls-cert-file", "--tls-private-key-file", "--version" })
            Assert.Contains(name, result.StandardOutput);
    }
}
