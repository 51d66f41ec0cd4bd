using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Print;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// The font file's block cache: random reads (small ones inside one block, which take the cache's short
/// path, and long ones across blocks) give the file's bytes, and the blocks read from flash are the misses
/// of a least-recently-used cache of BlockCount blocks kept here independently, except for lone long reads
/// (DirectReadBytes exactly, a wide glyph, not going on from the last read, first block not cached), which read the file
/// directly and leave the cache alone.
/// </summary>
public class FileStoreFontDataTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_reads_give_the_file_bytes_and_read_the_blocks_an_lru_cache_misses_or_the_file_directly()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var store = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1), capacityBytes: 1 << 20);
        var bytes = new byte[FileStoreFontData.BlockBytes * 40 + 77];
        random.NextBytes(bytes);
        var writer = store.Create("font.pft");
        writer.Write(bytes, 0, bytes.Length);
        writer.Close();
        var data = new FileStoreFontData(store, "font.pft");
        var lru = new List<int>();
        long misses = 0;
        int next = -1;
        var buffer = new byte[1200];
        for (int n = 0; n < 20000; n++)
        {
            // Mostly near the last read (a search narrowing), sometimes anywhere, sometimes long or past the end.
            int position = random.Next(4) == 0 ? random.Next(-5, bytes.Length + 5) : Math.Clamp((n * 37) % bytes.Length + random.Next(-300, 300), 0, bytes.Length - 1);
            int count = random.Next(5) == 0 ? random.Next(0, 1100) : 1 + random.Next(32);
            int offset = random.Next(buffer.Length - count + 1);
            int got = data.Read(position, buffer, offset, count);
            int expected = position < 0 || position >= bytes.Length || count <= 0 ? 0 : Math.Min(count, bytes.Length - position);
            Assert.True(expected == got, $"seed {seed}, read {n}: {got} bytes at {position}, not {expected}");
            Assert.True(got == 0 || bytes.AsSpan(position, got).SequenceEqual(buffer.AsSpan(offset, got)), $"seed {seed}, read {n}: bytes at {position}");
            bool continues = position == next;
            if (got > 0)
            {
                next = position + got;
            }
            if (got == FileStoreFontData.DirectReadBytes && !continues && !lru.Contains(position / FileStoreFontData.BlockBytes))
            {
                // A lone glyph-sized read whose first block is not cached: one read of the file, the cache untouched.
                misses++;
                got = 0;
            }
            for (int block = got > 0 ? position / FileStoreFontData.BlockBytes : 0; got > 0 && block <= (position + got - 1) / FileStoreFontData.BlockBytes; block++)
            {
                if (!lru.Remove(block))
                {
                    misses++;
                    if (lru.Count == FileStoreFontData.BlockCount)
                    {
                        lru.RemoveAt(0);
                    }
                }
                lru.Add(block);
            }
            Assert.True(misses == data.FileReads, $"seed {seed}, read {n}: {data.FileReads} block reads, an LRU cache misses {misses}");
        }
    }

    [Fact]
    public void Lone_wide_glyph_reads_leave_the_cached_blocks_in_place_and_sequential_reads_go_through_blocks()
    {
        var store = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1), capacityBytes: 1 << 20);
        var bytes = new byte[FileStoreFontData.BlockBytes * 64];
        new Random(7).NextBytes(bytes);
        var writer = store.Create("font.pft");
        writer.Write(bytes, 0, bytes.Length);
        writer.Close();
        var data = new FileStoreFontData(store, "font.pft");
        var buffer = new byte[64];
        // A line of ASCII (narrow glyphs, 16 bytes, in the first blocks) then many scattered wide glyphs.
        for (int b = 0; b < FileStoreFontData.BlockCount; b++)
        {
            Assert.Equal(16, data.Read(b * FileStoreFontData.BlockBytes + 32, buffer, 0, 16));
        }
        Assert.Equal(FileStoreFontData.BlockCount, data.FileReads);
        for (int g = 0; g < 40; g++)
        {
            int at = (FileStoreFontData.BlockCount + 1 + g) * FileStoreFontData.BlockBytes + 64;
            Assert.Equal(32, data.Read(at, buffer, 0, 32));
            Assert.True(bytes.AsSpan(at, 32).SequenceEqual(buffer.AsSpan(0, 32)), $"wide glyph {g}");
        }
        Assert.Equal(FileStoreFontData.BlockCount + 40, data.FileReads);
        // Every ASCII block is still cached: reading them again touches no flash.
        for (int b = 0; b < FileStoreFontData.BlockCount; b++)
        {
            Assert.Equal(16, data.Read(b * FileStoreFontData.BlockBytes + 48, buffer, 0, 16));
        }
        Assert.Equal(FileStoreFontData.BlockCount + 40, data.FileReads);
        // A walk of 64-byte reads going on from a short read (the start-up order check, after the header)
        // goes through the blocks, one file read per block for four reads.
        long before = data.FileReads;
        int start = 20 * FileStoreFontData.BlockBytes;
        Assert.Equal(16, data.Read(start, buffer, 0, 16));
        for (int at = start + 16; at + 64 <= start + 4 * FileStoreFontData.BlockBytes; at += 64)
        {
            Assert.Equal(64, data.Read(at, buffer, 0, 64));
            Assert.True(bytes.AsSpan(at, 64).SequenceEqual(buffer.AsSpan(0, 64)), $"walk at {at}");
        }
        Assert.Equal(before + 4, data.FileReads);
    }
}
