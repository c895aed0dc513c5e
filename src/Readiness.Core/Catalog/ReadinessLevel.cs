namespace Readiness.Core.Catalog;

/// <summary>A band of the overall score: scores below <see cref="UpperBound"/> (and at or above the previous band's
/// bound) get this level. The last band has no upper bound.</summary>
public sealed record ReadinessLevel(int Level, string Name, double? UpperBound);
