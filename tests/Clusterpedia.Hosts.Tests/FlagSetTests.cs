using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The pflag-compatible parser, without starting a process.</summary>
public sealed class FlagSetTests
{
    private static string[] Split(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static FlagSet Flags() => HostFlags.Create(HostComponent.BindingApiServer, HostDefaults.BindingApiServer);

    [Theory]
    [InlineData("--storage-name=fixture")]
    [InlineData("--storage-name fixture")]
    [InlineData("--storage-name=memory --storage-name=fixture")]
    public void Value_flags_take_equals_or_the_next_argument_and_the_last_wins(string commandLine)
    {
        Assert.Equal("fixture", Flags().Parse(Split(commandLine)).GetString(HostFlags.StorageName));
    }

    [Fact]
    public void Absent_flags_take_the_component_default()
    {
        var parsed = Flags().Parse([]);

        Assert.Equal("memory", parsed.GetString(HostFlags.StorageName));
        Assert.Equal(443, parsed.GetInt32(HostFlags.SecurePort, 1, 65535));
        Assert.False(parsed.IsSet(HostFlags.StorageName));
    }

    [Theory]
    [InlineData("--version", true)]
    [InlineData("--version=true", true)]
    [InlineData("--version=false", false)]
    [InlineData("", false)]
    public void Boolean_flags_take_no_separate_value(string commandLine, bool expected)
    {
        Assert.Equal(expected, Flags().Parse(Split(commandLine)).GetBool(HostFlags.Version));
    }

    [Fact]
    public void A_boolean_flag_followed_by_a_word_leaves_the_word_positional()
    {
        var error = Assert.Throws<UsageException>(() => Flags().Parse(["--version", "true"]));

        Assert.Contains("unexpected argument \"true\"", error.Message);
    }

    [Fact]
    public void Shorthand_help_is_the_help_flag()
    {
        Assert.True(Flags().Parse(["-h"]).GetBool(HostFlags.Help));
    }

    [Fact]
    public void Empty_value_is_a_value_not_a_missing_argument()
    {
        var parsed = Flags().Parse(["--cert-dir="]);

        Assert.True(parsed.IsSet(HostFlags.CertDir));
        Assert.Null(parsed.GetNonEmptyString(HostFlags.CertDir));
    }

    [Fact]
    public void Empty_storage_name_is_rejected_when_options_are_built()
    {
        var error = Assert.Throws<HostConfigurationException>(() => HostFlags.ToOptions(Flags().Parse(["--storage-name="])));

        Assert.Contains("--storage-name must not be empty", error.Message);
    }

    [Fact]
    public void Defining_a_flag_twice_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Flags().Add(new FlagDefinition(HostFlags.StorageName, "again")));
    }
}
