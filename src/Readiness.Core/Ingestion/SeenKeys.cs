using System.Runtime.InteropServices;
using Readiness.Core.Observations;

namespace Readiness.Core.Ingestion;

/// <summary>
/// The keys (regency, indicator, period) a pass has seen, in bounded, compact memory: no per-key objects and no
/// large arrays copied as they grow. A page holds one regency's indicator for one year and one kind of period
/// (1 slot for the year, 4 for quarters, 12 for months); the pages of a regency's indicator form a chain, newest
/// first, so a file read year by year finds its page at the head. Everything lives in fixed-size chunks below the
/// large object heap threshold. The validation pass keeps each key's first value and row (12 bytes a slot) for
/// duplicate messages; the reading pass only a bit.
/// </summary>
internal sealed class SeenKeys(int indicatorCount, int regencyCount, bool membershipOnly)
{
    private const int PagesPerChunk = 512; // 512 × 12 doubles = 49,152 bytes, under the 85,000-byte LOH threshold
    private const int MaxArrayHeads = 16_384; // 64 KiB, under the LOH threshold too

    // (regency, indicator) → 1 + the newest page of its chain: an array when the registry and the catalog make
    // few enough pairs (the national registry: 514 × 24), else a dictionary.
    private readonly Dictionary<long, int> _heads = [];
    private readonly int[]? _headArray = (long)regencyCount * indicatorCount is > 0 and <= MaxArrayHeads ? new int[regencyCount * indicatorCount] : null;
    private readonly Chunked<int> _pageKey = new(); // year << 2 | kind
    private readonly Chunked<int> _pageNext = new(); // next page of the chain, or -1
    private readonly Chunked<int> _pageSlot = new(); // the page's number among the pages of its kind
    private readonly Kind[] _kinds = [new(1), new(4), new(12)];
    private int _pageCount;

    // Periods outside the page layout (not produced by the parsers) still work, through a plain dictionary.
    private Dictionary<(long, int), (double Value, int Row)>? _other;

    public bool MembershipOnly => membershipOnly;

    /// <summary>Records the key; false (with the first value and row, or defaults when membership only) when it was seen before.</summary>
    public bool TryAdd(int regencyOrdinal, int indicatorOrdinal, Period period, double value, int row, out (double Value, int Row) earlier)
    {
        earlier = default;
        var pair = (regencyOrdinal * (long)indicatorCount) + indicatorOrdinal;
        var (kind, slot) = period.Kind switch
        {
            PeriodKind.Year when period.Index == 0 => (0, 0),
            PeriodKind.Quarter when period.Index is >= 1 and <= 4 => (1, period.Index - 1),
            PeriodKind.Month when period.Index is >= 1 and <= 12 => (2, period.Index - 1),
            _ => (-1, -1),
        };
        if (kind < 0 || period.Year is < 0 or > 1 << 28)
        {
            _other ??= [];
            var key = (pair, period.SortKey);
            if (_other.TryGetValue(key, out earlier))
            {
                return false;
            }

            _other[key] = (value, row);
            return true;
        }

        var pageKey = (period.Year << 2) | kind;
        ref var head = ref _headArray is { } array && (ulong)pair < (ulong)array.Length
            ? ref array[pair]
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_heads, pair, out _);
        var page = head - 1;
        while (page >= 0 && _pageKey[page] != pageKey)
        {
            page = _pageNext[page];
        }

        var pages = _kinds[kind];
        if (page < 0)
        {
            page = _pageCount++;
            _pageKey.Set(page, pageKey);
            _pageNext.Set(page, head - 1);
            _pageSlot.Set(page, pages.NewPage(membershipOnly));
            head = page + 1;
        }

        var number = _pageSlot[page];
        var (chunk, offset) = (number / PagesPerChunk, number % PagesPerChunk);
        if (membershipOnly)
        {
            ref var bits = ref pages.Bits[chunk][offset];
            var mask = (ushort)(1 << slot);
            if ((bits & mask) != 0)
            {
                return false;
            }

            bits |= mask;
            return true;
        }

        var index = (offset * pages.Slots) + slot;
        var rows = pages.Rows[chunk];
        if (rows[index] != 0)
        {
            earlier = (pages.Values[chunk][index], rows[index]);
            return false;
        }

        rows[index] = row;
        pages.Values[chunk][index] = value;
        return true;
    }

    /// <summary>A growable array in fixed-size chunks: growing never copies.</summary>
    private sealed class Chunked<T>
        where T : struct
    {
        private const int ChunkLength = 8192;
        private readonly List<T[]> _chunks = [];

        public T this[int index] => _chunks[index / ChunkLength][index % ChunkLength];

        public void Set(int index, T value)
        {
            if (index / ChunkLength == _chunks.Count)
            {
                _chunks.Add(new T[ChunkLength]);
            }

            _chunks[index / ChunkLength][index % ChunkLength] = value;
        }
    }

    /// <summary>The pages of one kind of period.</summary>
    private sealed class Kind(int slots)
    {
        private int _count;

        public int Slots => slots;

        public List<double[]> Values { get; } = [];

        public List<int[]> Rows { get; } = [];

        public List<ushort[]> Bits { get; } = [];

        public int NewPage(bool membershipOnly)
        {
            var page = _count++;
            if (page % PagesPerChunk == 0)
            {
                if (membershipOnly)
                {
                    Bits.Add(new ushort[PagesPerChunk]);
                }
                else
                {
                    Values.Add(new double[PagesPerChunk * slots]);
                    Rows.Add(new int[PagesPerChunk * slots]);
                }
            }

            return page;
        }
    }
}
