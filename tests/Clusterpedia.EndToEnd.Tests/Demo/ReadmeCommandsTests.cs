namespace Clusterpedia.EndToEnd.Tests.Demo;

/// <summary>
/// Every kubectl command of the README's "Search with kubectl" section, read from README.md, runs as written (through
/// bash, with the KUBECONFIG the demo wrote) against the demo, and answers something.
/// </summary>
public sealed class ReadmeCommandsTests(RunningDemo demo) : IClassFixture<RunningDemo>
{
    public static TheoryData<string> SearchCommands() =>
        new(ReadmeCommands.KubectlCommands(File.ReadAllText(ReadmeCommands.ReadmePath), ReadmeCommands.SearchSection));

    [Fact]
    public void The_section_has_the_commands_a_newcomer_needs()
    {
        var commands = ReadmeCommands.KubectlCommands(File.ReadAllText(ReadmeCommands.ReadmePath), ReadmeCommands.SearchSection);

        Assert.Contains(commands, c => c.StartsWith("kubectl get pods -A", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("--context cluster-", StringComparison.Ordinal) && c.Contains(" -o yaml", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains(" describe ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SearchCommands))]
    public async Task Runs_against_the_demo_and_answers_something(string command)
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync("bash", ["-c", command], TimeSpan.FromSeconds(60), environment: demo.KubectlEnvironment);

        Assert.True(exitCode == 0, $"`{command}` exited {exitCode}:\n{stderr}\n{stdout}");
        Assert.False(string.IsNullOrWhiteSpace(stdout), $"`{command}` printed nothing:\n{stderr}");
    }
}
