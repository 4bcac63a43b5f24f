namespace Clusterpedia.Hosts.Tests;

/// <summary>The storage layers compiled into a host are the ones selected at build time, and selection errors say so.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class StorageSelectionTests(HostBuilds builds)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("memory", "storage layers: memory")]
    [InlineData("memory,fixture", "storage layers: fixture, memory")]
    public async Task Version_lists_exactly_the_selected_storage_layers(string storages, string expectedLine)
    {
        var host = await builds.GetAsync("binding-apiserver", storages);

        var result = await ProcessRunner.RunAsync(host, ["--version"], Timeout);

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(expectedLine, Assert.Single(lines, l => l.StartsWith("storage layers:", StringComparison.Ordinal)));
        Assert.Contains("core contract: 1.0", lines);
        Assert.StartsWith("binding-apiserver v", lines[0]);
    }

    [Fact]
    public async Task Unknown_storage_name_fails_naming_the_compiled_in_layers_and_the_build_command()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory,fixture");

        var result = await ProcessRunner.RunAsync(host, ["--storage-name=internal"], Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("storage layer \"internal\" is not compiled into this binding-apiserver binary", result.StandardError);
        Assert.Contains("compiled-in storage layers: fixture, memory", result.StandardError);
        Assert.Contains("dotnet cake --target=Publish --storages=fixture,internal,memory --components=binding-apiserver", result.StandardError);
    }

    [Fact]
    public async Task Split_apiserver_refuses_the_process_local_memory_layer()
    {
        var host = await builds.GetAsync("apiserver", "memory,fixture");

        var result = await ProcessRunner.RunAsync(host, ["--storage-name=memory"], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--storage-name=memory cannot be used by apiserver", result.StandardError);
        Assert.Contains("Run binding-apiserver", result.StandardError);
    }

    [Fact]
    public async Task Split_apiserver_defaults_to_internal_and_says_it_is_not_compiled_in()
    {
        var host = await builds.GetAsync("apiserver", "memory,fixture");

        var result = await ProcessRunner.RunAsync(host, [], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("storage layer \"internal\" is not compiled into this apiserver binary", result.StandardError);
    }

    [Fact]
    public async Task Split_apiserver_accepts_a_shared_storage_layer_it_has()
    {
        var host = await builds.GetAsync("apiserver", "memory,fixture");
        var certDir = Path.Combine(builds.OutputRoot, "certs-apiserver-fixture");
        await using var running = RunningHost.Start(host, "--storage-name=fixture", $"--cert-dir={certDir}");
        using var client = running.CreateClient(Path.Combine(certDir, "apiserver.crt"));

        using var response = await running.WaitForHealthzAsync(client);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Storage_layer_init_failure_is_reported_with_the_layers_message()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory,fixture");
        var config = Path.Combine(builds.OutputRoot, "failing-fixture.yaml");
        await File.WriteAllTextAsync(config, "fail: cannot reach the fixture database\n");

        var result = await ProcessRunner.RunAsync(host, ["--storage-name=fixture", "--storage-config", config], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed to init storage \"fixture\": cannot reach the fixture database", result.StandardError);
    }

    [Fact]
    public async Task Feature_gates_of_the_selected_layer_reach_it_and_help_lists_them()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory,fixture");
        var config = Path.Combine(builds.OutputRoot, "report-gates-fixture.yaml");
        await File.WriteAllTextAsync(config, "fail-with-feature-gates\n");

        var result = await ProcessRunner.RunAsync(host,
            ["--storage-name=fixture", "--storage-config", config, "--feature-gates=FixtureAlpha=true,PruneManagedFields=false,FixtureBeta=false"], Timeout);
        var help = await ProcessRunner.RunAsync(host, ["--help"], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed to init storage \"fixture\": feature gates: FixtureAlpha=true,FixtureBeta=false", result.StandardError);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("FixtureAlpha=true|false (storage layer fixture, when selected; default false)", help.StandardOutput);
        Assert.Contains("PruneManagedFields=true|false (cluster synchro)", help.StandardOutput);
    }

    [Fact]
    public async Task A_feature_gate_of_a_layer_that_is_not_selected_is_refused_naming_it()
    {
        var host = await builds.GetAsync("apiserver", "memory,fixture");

        var result = await ProcessRunner.RunAsync(host, ["--storage-name=internal", "--feature-gates=FixtureAlpha=true"], Timeout);
        var wrongLayer = await ProcessRunner.RunAsync(await builds.GetAsync("binding-apiserver", "memory,fixture"),
            ["--feature-gates=FixtureAlpha=true"], Timeout);
        var badValue = await ProcessRunner.RunAsync(host, ["--storage-name=fixture", "--feature-gates=FixtureAlpha=on"], Timeout);

        // The missing layer is the real problem here, and its error says how to build it in.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("storage layer \"internal\" is not compiled into this apiserver binary", result.StandardError);
        Assert.Equal(1, wrongLayer.ExitCode);
        Assert.Contains("--feature-gates: feature gate FixtureAlpha belongs to storage layer \"fixture\", but --storage-name is \"memory\"", wrongLayer.StandardError);
        Assert.Equal(1, badValue.ExitCode);
        Assert.Contains("--feature-gates: invalid value of FixtureAlpha: 'on', expected true or false", badValue.StandardError);
    }
}
