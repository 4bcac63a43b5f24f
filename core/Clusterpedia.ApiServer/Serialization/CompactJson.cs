using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// escaped bytes from the (rare) backslashes, the inside of strings as the prefix XOR of the unescaped quotes.
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
        for (; start + Block <= json.Length; start += Block)
        {
            var drop = scan.Next(json.Slice(start, Block));
            if (drop != 0) Emit(json, destination, start, drop, ref copied, ref written, ref dropped);
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

    // Copies the bytes before each dropped byte of this block that are not yet copied.
    private static void Emit(ReadOnlySpan<byte> json, Span<byte> destination, int start, ulong drop,
        ref int copied, ref int written, ref bool dropped)
    {
        dropped = true;
        while (drop != 0)
        {
            var at = start + BitOperations.TrailingZeroCount(drop);
            drop &= drop - 1;
            if (at > copied)
            {
                json[copied..at].CopyTo(destination[written..]);
                written += at - copied;
            }
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
