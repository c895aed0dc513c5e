namespace Readiness.Core.Catalog;

/// <summary>A population size class of the peer groups (<c>kecil</c> below 250,000 people, …): a regency is in the
/// first class whose exclusive upper bound <paramref name="Below"/> its population is under; the last class has no bound.</summary>
public sealed record PopulationClass(string Name, long? Below);
