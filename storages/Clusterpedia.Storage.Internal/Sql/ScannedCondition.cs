namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>What <see cref="SqlConditionScanner"/> found in a condition.</summary>
/// <param name="Placeholders">Offsets of the <c>?</c> placeholders outside quotes and comments, in order.</param>
/// <param name="EndsInLineComment">The text ends inside a <c>--</c> (or <c>#</c>) comment, so what follows must start on a new line.</param>
internal sealed record ScannedCondition(IReadOnlyList<int> Placeholders, bool EndsInLineComment);
