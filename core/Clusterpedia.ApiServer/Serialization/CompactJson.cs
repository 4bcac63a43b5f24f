using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;

namespace Clusterpedia.ApiServer.Serialization;

/// <summary>
/// Serves stored objects as compact JSON without parsing them. PostgreSQL's jsonb text has a space after every
/// <c>:</c> and <c>,</c> (MySQL's JSON likewise); the whitespace outside strings is dropped and everything else,
/// strings with their escapes included, is copied byte for byte. Stored objects are valid JSON (storage layers only
/// keep what parsed), so outside a string every byte up to 0x20 is whitespace, and a string holds no raw byte below 0x20.
/// </summary>
/// <remarks>
/// Works on 64-byte blocks as simdjson does: masks of quotes, backslashes and whitespace from vector compares, the
/// escaped bytes from the (rare) backslashes, the inside of strings as the prefix XOR of the unescaped quotes. A block
/// with many bytes to drop is squeezed 8 bytes at a time with BMI2's PEXT, 2-3 times faster on jsonb than copying the
/// runs between them (docs/benchmarks.md).
/// </remarks>
internal static class CompactJson
{
    private const int Block = 64;

    /// <summary>Writes a stored object, or a value cut out of one, as a compact JSON value.</summary>
    public static void WriteValue(Utf8JsonWriter w, ReadOnlySpan<byte> json)
    {
        // Objects written by our own writers (the synchro, the memory storage) have no whitespace at all.
        if (json.IndexOfAnyInRange((byte)0, (byte)' ') < 0)
        {
            w.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        var scratch = ArrayPool<byte>.Shared.Rent(json.Length);
        var length = Compact(json, scratch);
        w.WriteRawValue(length < 0 ? json : scratch.AsSpan(0, length), skipInputValidation: true);
        ArrayPool<byte>.Shared.Return(scratch);
    }

    /// <summary>The object as compact JSON: itself when it already is, else a compacted copy.</summary>
    public static ReadOnlyMemory<byte> ToCompact(ReadOnlyMemory<byte> json)
    {
        if (json.Span.IndexOfAnyInRange((byte)0, (byte)' ') < 0) return json;
        var copy = new byte[json.Length];
        var length = Compact(json.Span, copy);
        return length < 0 ? json : copy.AsMemory(0, length);
    }

    /// <summary>
    /// Copies <paramref name="json"/> into <paramref name="destination"/> (at least as long) without the whitespace
    /// outside strings, and returns the length written; -1, having written nothing, when there was none to drop.
    /// </summary>
    public static int Compact(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        var scan = new BlockScanner();
        var copied = 0; // json[..copied] is done: written, or dropped
        var written = 0;
        var dropped = false;
        var start = 0;
        if (destination.Length < json.Length) throw new ArgumentException("the destination is shorter than the input", nameof(destination));
        for (; start + Block <= json.Length; start += Block)
        {
            var drop = scan.Next(json.Slice(start, Block));
            if (drop == 0) continue;
            if (!Bmi2.X64.IsSupported || BitOperations.PopCount(drop) < 3)
            {
                Emit(json, destination, start, drop, ref copied, ref written, ref dropped);
                continue;
            }
            // Many drops (jsonb's every ':' and ','): the run since the last copy in one piece, then this block 8 bytes at a time.
            dropped = true;
            json[copied..start].CopyTo(destination[written..]);
            written = Pack(json.Slice(start, Block), ~drop, destination, written + start - copied);
            copied = start + Block;
        }
        if (start < json.Length)
        {
            // The last partial block, padded with a byte that is neither a quote, a backslash nor whitespace.
            Span<byte> tail = stackalloc byte[Block];
            tail.Fill((byte)'x');
            json[start..].CopyTo(tail);
            var drop = scan.Next(tail);
            if (drop != 0) Emit(json, destination, start, drop, ref copied, ref written, ref dropped);
        }
        if (!dropped) return -1;
        json[copied..].CopyTo(destination[written..]);
        return written + json.Length - copied;
    }

    // Each 8 bytes of the block with the dropped ones squeezed out (PEXT) and stored as a whole word, the next word
    // overwriting what lies past the kept bytes. Unchecked, but in bounds: a full block of the input, and nothing is
    // written ahead of what has been read, so a word stored at 'written' ends within the input's length.
    private static int Pack(ReadOnlySpan<byte> block, ulong keep, Span<byte> destination, int written)
    {
        ref var source = ref MemoryMarshal.GetReference(block);
        ref var target = ref MemoryMarshal.GetReference(destination);
        ref var masks = ref MemoryMarshal.GetArrayDataReference(ByteMasks);
        for (var i = 0; i < Block; i += 8)
        {
            var kept = (int)(keep >> i) & 0xFF;
            var word = Bmi2.X64.ParallelBitExtract(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i)), Unsafe.Add(ref masks, kept));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, written), word);
            written += BitOperations.PopCount((uint)kept);
        }
        return written;
    }

    // For each 8-bit mask, the 64-bit mask with 0xFF in the bytes whose bit is set.
    private static readonly ulong[] ByteMasks = Enumerable.Range(0, 256)
        .Select(m => Enumerable.Range(0, 8).Aggregate(0UL, (mask, b) => (m >> b & 1) != 0 ? mask | 0xFFUL << (8 * b) : mask)).ToArray();

    // Copies the bytes before each dropped byte of this block that are not yet copied.
    private static void Emit(ReadOnlySpan<byte> json, Span<byte> destination, int start, ulong drop,
        ref int copied, ref int written, ref bool dropped)
    {
        dropped = true;
        while (drop != 0)
        {
            var at = start + BitOperations.TrailingZeroCount(drop);
            drop &= drop - 1;
            var length = at - copied;
            // Runs between drops are short (about 15 bytes in jsonb): one 16-byte move is cheaper than a call to copy them.
            // It may write past the run (later runs overwrite that) but never past the input's length, since nothing is
            // written ahead of what is read.
            if (length is > 0 and <= 16 && copied + 16 <= json.Length)
                Vector128.Create(json.Slice(copied, 16)).CopyTo(destination.Slice(written, 16));
            else if (length > 0)
                json[copied..at].CopyTo(destination[written..]);
            written += length;
            copied = at + 1;
        }
    }

    /// <summary>The whitespace outside strings, block after block, carrying the string and escape state between blocks.</summary>
    private struct BlockScanner
    {
        private ulong _inString; // all ones when the previous block ended inside a string
        private ulong _escapedFirst; // 1 when the previous block ended with a backslash that escapes this block's first byte

        /// <summary>A bit per byte of the 64-byte block: set for whitespace outside strings.</summary>
        public ulong Next(ReadOnlySpan<byte> block)
        {
            Classify(block, out var quotes, out var backslashes, out var whitespace);
            if ((backslashes | _escapedFirst) != 0) quotes &= ~Escaped(backslashes);
            var inString = PrefixXor(quotes) ^ _inString;
            _inString = (ulong)((long)inString >> 63);
            return whitespace & ~inString;
        }

        // A backslash escapes the byte after it, unless it is itself escaped. Backslashes are rare, so a loop will do.
        private ulong Escaped(ulong backslashes)
        {
            var escaped = _escapedFirst;
            var starts = backslashes & ~_escapedFirst;
            _escapedFirst = 0;
            while (starts != 0)
            {
                var at = BitOperations.TrailingZeroCount(starts);
                if (at == Block - 1)
                {
                    _escapedFirst = 1;
                    break;
                }
                var next = 1UL << (at + 1);
                escaped |= next;
                starts &= ~((1UL << at) | next);
            }
            return escaped;
        }

        // Bit i = XOR of bits 0..i: set from an opening quote up to (not including) its closing quote.
        private static ulong PrefixXor(ulong x)
        {
            x ^= x << 1;
            x ^= x << 2;
            x ^= x << 4;
            x ^= x << 8;
            x ^= x << 16;
            x ^= x << 32;
            return x;
        }

        private static void Classify(ReadOnlySpan<byte> block, out ulong quotes, out ulong backslashes, out ulong whitespace)
        {
            ref var first = ref MemoryMarshal.GetReference(block);
            if (Vector256.IsHardwareAccelerated)
            {
                var lo = Vector256.LoadUnsafe(ref first);
                var hi = Vector256.LoadUnsafe(ref first, 32);
                quotes = Bits(Vector256.Equals(lo, Vector256.Create((byte)'"')), Vector256.Equals(hi, Vector256.Create((byte)'"')));
                backslashes = Bits(Vector256.Equals(lo, Vector256.Create((byte)'\\')), Vector256.Equals(hi, Vector256.Create((byte)'\\')));
                whitespace = Bits(Vector256.LessThanOrEqual(lo, Vector256.Create((byte)' ')), Vector256.LessThanOrEqual(hi, Vector256.Create((byte)' ')));
                return;
            }
            quotes = backslashes = whitespace = 0;
            for (var i = 0; i < Block; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref first, (nuint)i);
                quotes |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'"')).ExtractMostSignificantBits() << i;
                backslashes |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\\')).ExtractMostSignificantBits() << i;
                whitespace |= (ulong)Vector128.LessThanOrEqual(v, Vector128.Create((byte)' ')).ExtractMostSignificantBits() << i;
            }
        }

        private static ulong Bits(Vector256<byte> lo, Vector256<byte> hi) =>
            lo.ExtractMostSignificantBits() | ((ulong)hi.ExtractMostSignificantBits() << 32);
    }
}
