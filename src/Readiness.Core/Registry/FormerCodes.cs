using System.Collections.Frozen;

namespace Readiness.Core.Registry;

/// <summary>A sentence for a person, in English and in Bahasa Indonesia.</summary>
public sealed record RegistryMessage(string English, string Indonesian);

/// <summary>What a former code in a row means for the row's year.</summary>
public enum FormerCodeVerdict
{
    /// <summary>The period is within the former code's validity: the successor, with a warning.</summary>
    Valid,

    /// <summary>The period is after the change: an error naming the successor.</summary>
    Retired,
}

/// <summary>A text that named a regency by its former code (<c>91.01</c>, Merauke before the 2022 Papua split).</summary>
/// <param name="Text">What the cell said.</param>
/// <param name="FormerCode">The former code it was read as.</param>
/// <param name="Until">The last year the former code was valid.</param>
/// <param name="Successor">The regency, under its current code.</param>
public sealed record FormerCodeUse(string Text, string FormerCode, int Until, Regency Successor)
{
    public FormerCodeVerdict For(int year) => year <= Until ? FormerCodeVerdict.Valid : FormerCodeVerdict.Retired;

    /// <summary>The warning (valid period) or the error (later period) for a row of <paramref name="year"/>.</summary>
    public RegistryMessage Message(int year) => For(year) == FormerCodeVerdict.Valid
        ? new RegistryMessage(
            $"'{Text}' is the former code of {Successor.Name} (valid until {Until}); the value for {year} is stored under its current code {Successor.Code}, so the regency stays one series.",
            $"'{Text}' adalah kode lama {Successor.Name} (berlaku sampai {Until}); nilai tahun {year} disimpan dengan kode barunya, {Successor.Code}, agar datanya tetap satu deret.")
        : new RegistryMessage(
            $"'{Text}' was the code of {Successor.Name} only until {Until}; for {year} write its current code {Successor.Code}.",
            $"'{Text}' adalah kode {Successor.Name} hanya sampai tahun {Until}; untuk tahun {year} tulis kode barunya, {Successor.Code}.");
}

/// <summary>The registry's former codes, checked once when the registry is built.</summary>
internal static class FormerCodes
{
    /// <summary>Former code → regency. A former code may not be a current code or another regency's former code, and
    /// a regency's former code is not its own code: otherwise a code would name two regencies.</summary>
    public static FrozenDictionary<string, Regency> Index(IEnumerable<Regency> regencies, IReadOnlyDictionary<string, Regency> byCode)
    {
        var index = new Dictionary<string, Regency>(StringComparer.Ordinal);
        foreach (var regency in regencies)
        {
            if (regency.FormerCode is not { } former)
            {
                continue;
            }

            if (byCode.TryGetValue(former, out var current))
            {
                throw new RegistryException(current.Code == regency.Code
                    ? $"Regency {regency.Code} lists its own code as its former code; leave former_code empty."
                    : $"Former code {former} of {regency} is the current code of {current}; a code names one regency.");
            }

            if (index.TryGetValue(former, out var other))
            {
                throw new RegistryException($"Former code {former} is listed for {other.Code} and {regency.Code}; a code names one regency.");
            }

            index[former] = regency;
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
