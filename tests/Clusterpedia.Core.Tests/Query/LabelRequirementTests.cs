using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class LabelRequirementTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "web",
        ["replicas"] = "3",
        ["tier"] = "",
        ["version"] = "v2",
    };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app=api", false)]
    [InlineData("missing=web", false)]
    [InlineData("app!=api", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=web", true)] // != matches objects without the key
    [InlineData("app in (api,web)", true)]
    [InlineData("app in (api)", false)]
    [InlineData("missing in (web)", false)]
    [InlineData("app notin (api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("missing notin (web)", true)]
    [InlineData("app", true)]
    [InlineData("tier", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("tier=", true)]
    [InlineData("tier in ()", true)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas>3", false)]
    [InlineData("replicas<4", true)]
    [InlineData("replicas<3", false)]
    [InlineData("version>1", false)] // not an integer
    [InlineData("missing<9", false)]
    public void MatchesLikeKubernetes(string selector, bool expected) =>
        Assert.Equal(expected, Assert.Single(LabelSelectorParser.Parse(selector)).Matches(Labels));
}
