using Readiness.Core.Ports;

namespace Readiness.Core.Ingestion;

/// <summary>
/// The regency-years an unfinished upload may have written part of (<see cref="UploadRecord.WritesPending"/>): readers
/// show them as pending rather than as data, and scoring leaves their scores as they were until the upload ends.
/// </summary>
public sealed class PendingRegencyYears
{
    /// <summary>Per regency, the pending years; null means every year (a record that does not list them).</summary>
    private readonly Dictionary<string, HashSet<int>?> _pending = new(StringComparer.Ordinal);

    private PendingRegencyYears()
    {
    }

    public static PendingRegencyYears None { get; } = new();

    public bool IsEmpty => _pending.Count == 0;

    public static PendingRegencyYears From(IEnumerable<UploadRecord> uploads)
    {
        var pending = new PendingRegencyYears();
        foreach (var upload in uploads.Where(u => u.WritesPending))
        {
            var regencies = upload.RegencyCode == ImportRequest.AllRegencies ? upload.Regencies : [upload.RegencyCode];
            foreach (var regency in regencies)
            {
                if (!pending._pending.TryGetValue(regency, out var years))
                {
                    pending._pending[regency] = years = [];
                }

                if (years is not null && upload.Years.Count > 0)
                {
                    years.UnionWith(upload.Years);
                }
                else
                {
                    pending._pending[regency] = null;
                }
            }
        }

        return pending;
    }

    public static async Task<PendingRegencyYears> ReadAsync(IUploadStore uploads, CancellationToken cancellationToken) =>
        From(await uploads.ListUnfinishedAsync(null, cancellationToken));

    public bool Contains(string regencyCode, int year) =>
        _pending.TryGetValue(regencyCode, out var years) && (years is null || years.Contains(year));
}
