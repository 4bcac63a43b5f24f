using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Sql;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>The placeholder scanner alone: where each engine's quoting and comments end.</summary>
public sealed class SqlConditionScannerTests
{
    [Theory]
    [InlineData("a = ? AND b = ?", false, 2)]
    [InlineData("a = '?' AND b = ?", false, 1)]
    [InlineData("a = \"?\" AND b = ?", false, 1)]
    [InlineData("a = $$ ? $$ AND b = $1 AND c = ?", false, 1)]
    [InlineData("a = $x$ ?$y$ ? $x$ AND c = ?", false, 1)]
    [InlineData("a = E'\\'?' AND c = ?", false, 1)]
    [InlineData("a = 'x\\' AND c = ?", false, 1)]
    [InlineData("/* ? /* ? */ ? */ a = ?", false, 1)]
    [InlineData("a = ? -- ?", false, 1)]
    [InlineData("a = 'x\\'?' AND c = ?", true, 1)]
    [InlineData("`?` = ? # ?", true, 1)]
    [InlineData("a = 1--? \n AND b = ?", true, 2)]
    [InlineData("a = 1 -- ?\n AND b = ?", true, 1)]
    public void Only_question_marks_outside_quotes_and_comments_are_placeholders(string sql, bool mySql, int count) =>
        Assert.Equal(count, SqlConditionScanner.Scan(sql, mySql, "p").Placeholders.Count);

    [Theory]
    [InlineData("a = 1 -- done", false, true)]
    [InlineData("a = 1 # done", true, true)]
    [InlineData("a = 1 -- done\n", false, false)]
    [InlineData("a = '--'", false, false)]
    public void A_trailing_line_comment_is_reported(string sql, bool mySql, bool endsInComment) =>
        Assert.Equal(endsInComment, SqlConditionScanner.Scan(sql, mySql, "p").EndsInLineComment);

    [Theory]
    [InlineData("a = $$x", false, "has an unterminated dollar-quoted string")]
    [InlineData("a = `x", true, "has an unterminated `-quoted name")]
    [InlineData("/* /* */ a = 1", false, "has an unterminated /* comment")]
    [InlineData("a = ')' )", false, "has a ')' without its '(' at position 8")]
    [InlineData("a = 1 /*M! OR 1 */", true, "has an executable comment (/*! ... */), which is not allowed")]
    public void Malformed_conditions_name_the_parameter(string sql, bool mySql, string message)
    {
        var e = Assert.Throws<ListOptionsException>(() => SqlConditionScanner.Scan(sql, mySql, "whereSQL"));

        Assert.Equal("whereSQL", e.Parameter);
        Assert.Equal("invalid whereSQL: " + message, e.Message);
    }
}
