using System.Text;
using CsCheck;

namespace Readiness.TestSupport;

/// <summary>
/// A valid CSV with a few characters replaced, inserted or removed, as a careless edit or a broken export leaves it:
/// the input of the reader's and the upload's property tests. Compiled into Readiness.Core.Tests too (linked), so the
/// core's tests stay free of the storage packages.
/// </summary>
public static class CsvMutations
{
    /// <param name="valid">The file to mutate.</param>
    /// <param name="characters">The characters a replacement or an insertion draws from.</param>
    public static Gen<string> Of(string valid, string characters, int minEdits, int maxEdits) =>
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Char[characters], Gen.Int[0, 2]).Array[minEdits, maxEdits].Select(edits => Apply(valid, edits));

    private static string Apply(string valid, (int Position, char Character, int Operation)[] edits)
    {
        var text = new StringBuilder(valid);
        foreach (var (position, character, operation) in edits)
        {
            var at = Math.Min(position, Math.Max(0, text.Length - 1));
            switch (operation)
            {
                case 0 when text.Length > 0:
                    text[at] = character;
                    break;
                case 1:
                    text.Insert(at, character);
                    break;
                case 2 when text.Length > 0:
                    text.Remove(at, 1);
                    break;
            }
        }

        return text.ToString();
    }
}
