using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Core.Ingestion;

/// <summary>Limits enforced while a file is read, so hostile input fails early with its own error code.</summary>
public sealed record CsvLimits
{
    public static CsvLimits Default { get; } = new();

    public int MaxRows { get; init; } = 2_000_000;
    public int MaxColumns { get; init; } = 256;
    public int MaxCellLength { get; init; } = 2_000;

    /// <summary>Longest record in bytes; a quote that never closes stops here instead of swallowing the file.</summary>
    public int MaxRecordBytes { get; init; } = 256 * 1024;

    /// <summary>Most cells a worksheet may have (rows × its columns), counted while reading.</summary>
    public long MaxCells { get; init; } = 20_000_000;

    /// <summary>Most bytes a workbook's zip may unpack to; beyond it the file is refused as a zip bomb.</summary>
    public long MaxDecompressedBytes { get; init; } = 1L << 30;
}

/// <summary>How to read one file.</summary>
public sealed record ReadOptions
{
    /// <summary>The regency the upload is for (from the URL or <c>--regency</c>); rows may then omit the column.</summary>
    public Regency? UploadRegency { get; init; }

    /// <summary>Forces the number style instead of deciding it from the file.</summary>
    public NumberStyle? Locale { get; init; }

    public RegencyScheme Scheme { get; init; } = RegencyScheme.Kemendagri;

    public CsvLimits Limits { get; init; } = CsvLimits.Default;
}
