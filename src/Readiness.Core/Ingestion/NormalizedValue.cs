using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

namespace Readiness.Core.Ingestion;

/// <summary>One valid value of an upload, in canonical form, with the Excel row it came from.</summary>
public readonly record struct NormalizedValue(int Row, Regency Regency, Indicator Indicator, Period Period, double Value, string? Unit, string? Note);
