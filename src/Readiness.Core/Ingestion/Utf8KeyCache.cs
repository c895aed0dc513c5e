using System.Buffers.Binary;

namespace Readiness.Core.Ingestion;

/// <summary>
/// A small, bounded map from the bytes of a cell to what the reader resolved them to, so that a value repeated on
/// many rows (regency codes, indicator codes, periods) is looked up without making a string. Keys are compared byte
/// for byte; the hash is seeded per process and chains are kept short, so crafted keys cannot make lookups slow.
/// When it is full, or a key is long, nothing more is added and the caller resolves the cell the ordinary way.
/// </summary>
internal sealed class Utf8KeyCache<T>
{
    public const int MaxKeyLength = 64;
    private const int Capacity = 4096;
    private const int BucketCount = 8192; // a power of two above the capacity
    private const int MaxChain = 8;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private readonly int[] _buckets = new int[BucketCount]; // 1 + the first entry of the bucket's chain, or 0
    private Entry[] _entries = new Entry[64];
    private byte[] _keys = new byte[1024];
    private int _count;
    private int _keyBytes;
    private int _last = -1;

    private struct Entry
    {
        public int Hash;
        public int Offset;
        public int Length;
        public int Next; // 1 + the next entry of the chain, or 0
        public T Value;
    }

    /// <summary>Finds <paramref name="key"/>; the entry hit last is tried first, as cells often repeat row after row.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        if (_last >= 0)
        {
            ref var last = ref _entries[_last];
            if (key.SequenceEqual(_keys.AsSpan(last.Offset, last.Length)))
            {
                value = last.Value;
                return true;
            }
        }

        var hash = Hash(key);
        for (var i = _buckets[hash & (BucketCount - 1)] - 1; i >= 0;)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && key.SequenceEqual(_keys.AsSpan(entry.Offset, entry.Length)))
            {
                _last = i;
                value = entry.Value;
                return true;
            }

            i = entry.Next - 1;
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="key"/> (not already present), unless the cache is full or the key too long.</summary>
    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if (_count == Capacity || key.Length > MaxKeyLength)
        {
            return;
        }

        var hash = Hash(key);
        ref var bucket = ref _buckets[hash & (BucketCount - 1)];
        var chain = 0;
        for (var i = bucket - 1; i >= 0; i = _entries[i].Next - 1)
        {
            if (++chain >= MaxChain)
            {
                return;
            }
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if (_keyBytes + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _keyBytes + key.Length));
        }

        key.CopyTo(_keys.AsSpan(_keyBytes));
        _entries[_count] = new Entry { Hash = hash, Offset = _keyBytes, Length = key.Length, Next = bucket, Value = value };
        _keyBytes += key.Length;
        bucket = ++_count;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = Seed ^ ((ulong)key.Length * 0x9E3779B97F4A7C15);
        ulong last;
        if (key.Length >= 8)
        {
            for (var i = 0; i + 8 < key.Length; i += 8)
            {
                h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * 0xFF51AFD7ED558CCD;
                h ^= h >> 29;
            }

            last = BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]); // overlaps the previous word: fine for a hash
        }
        else if (key.Length >= 4)
        {
            last = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(key) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(key[^4..]);
        }
        else
        {
            last = 0;
            foreach (var b in key)
            {
                last = (last << 8) | b;
            }
        }

        h = (h ^ last) * 0xC4CEB9FE1A85EC53;
        h ^= h >> 32;
        return (int)h;
    }
}
