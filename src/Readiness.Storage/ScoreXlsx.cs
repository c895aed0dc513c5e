using System.Reflection;
using Readiness.Core.Scoring;
using SpreadCheetah;
using SpreadCheetah.Worksheets;

namespace Readiness.Storage;

/// <summary>
/// The score table as an Excel workbook, for analysts who open files in Excel or LibreOffice in any locale: the columns
/// of <see cref="ScoreCsv.Columns"/>, typed cells (numbers are numbers whatever the decimal separator of the reader's
/// locale, codes such as <c>62.10</c> are text and keep their zero, the computation time is a date).
/// </summary>
public static class ScoreXlsx
{
    private static readonly PropertyInfo[] Properties =
        [.. ScoreCsv.Columns.Select(c => typeof(ScoreRow).GetProperty(c) ?? throw new InvalidOperationException($"ScoreRow has no column {c}."))];

    public static async Task WriteAsync(IEnumerable<RegencyScore> scores, Stream output, CancellationToken cancellationToken)
    {
        await using var workbook = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        await workbook.StartWorksheetAsync("scores", new WorksheetOptions { FrozenRows = 1 }, cancellationToken);
        await workbook.AddHeaderRowAsync(ScoreCsv.Columns, token: cancellationToken);
        var cells = new DataCell[Properties.Length];
        foreach (var row in scores.Select(ScoreRow.From))
        {
            for (var i = 0; i < Properties.Length; i++)
            {
                cells[i] = Properties[i].GetValue(row) switch
                {
                    string text => new DataCell(text),
                    int number => new DataCell(number),
                    double number => new DataCell(number),
                    DateTime at => new DataCell(at),
                    _ => new DataCell(),
                };
            }

            await workbook.AddRowAsync(cells, cancellationToken);
        }

        await workbook.FinishAsync(cancellationToken);
    }
}
