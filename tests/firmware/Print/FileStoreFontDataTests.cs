using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Print;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// The font file's block cache: random reads (small ones inside one block, which take the cache's short
/// path, and long ones across blocks) give the file's bytes, and the blocks read from flash are the misses
/// of a least-recently-used cache of BlockCount blocks kept here independently.
/// </summary>
public class FileStoreFontDataTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_reads_give_the_file_bytes_and_read_the_blocks_an_lru_cache_misses()
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
}
