using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Simulation;
using Xunit;
using Xunit.Abstractions;
using ZXing;
using ZXing.Common;

namespace PosFirmware.Tests.Emulator.Simulation;

/// <summary>
/// The block binarizer gives ZXing's HybridBinarizer's black matrix bit for bit: on random images of every
/// size (sides that do and do not divide by 8), of noise, of flat blocks (the low-contrast rule and its
/// neighbours) and of codes in gray, by its vector path and its scalar one.
/// </summary>
public class BlockBinarizerTests(ITestOutputHelper output)
{
    private static BitMatrix Zxing(byte[] gray, int width, int height)
    {
        return new HybridBinarizer(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8)).BlackMatrix;
    }

    private static byte[] RandomImage(Random random, int width, int height)
    {
        var gray = new byte[width * height];
        switch (random.Next(3))
        {
            case 0:
                random.NextBytes(gray);
                break;
            case 1:
                // Flat patches a few pixels off one level each, some dark: blocks under the contrast floor.
                for (int y = 0; y < height; y += 8)
                {
                    for (int x = 0; x < width; x += 8)
                    {
                        int level = random.Next(256);
                        int spread = random.Next(2) == 0 ? random.Next(26) : random.Next(60);
                        for (int yy = y; yy < Math.Min(height, y + 8 + random.Next(4)); yy++)
                        {
                            for (int xx = x; xx < Math.Min(width, x + 8 + random.Next(4)); xx++)
                            {
                                gray[yy * width + xx] = (byte)Math.Clamp(level + random.Next(spread + 1) - spread / 2, 0, 255);
                            }
                        }
                    }
                }
                break;
            default:
                // Modules of a code in two grays, blurred at their edges, on a light field.
                int module = 1 + random.Next(5);
                int dark = random.Next(120);
                int light = 130 + random.Next(126);
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        bool black = ((x / module * 7919) ^ (y / module * 104729)) % 3 == 0;
                        gray[y * width + x] = (byte)Math.Clamp((black ? dark : light) + random.Next(21) - 10, 0, 255);
                    }
                }
                break;
        }
        return gray;
    }

    [Fact]
    public void Random_images_binarize_as_zxing_does()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        for (int n = 0; n < 400; n++)
        {
            int width = BlockBinarizer.MinimumDots + random.Next(n % 2 == 0 ? 200 : 30);
            int height = BlockBinarizer.MinimumDots + random.Next(n % 2 == 0 ? 200 : 30);
            byte[] gray = RandomImage(random, width, height);
            var expected = Zxing(gray, width, height);
            Assert.True(expected.Equals(BlockBinarizer.Binarize(gray, width, height)), $"seed {seed}, image {n} ({width} x {height}): vector path");
            Assert.True(expected.Equals(BlockBinarizer.Binarize(gray, width, height, vectors: false)), $"seed {seed}, image {n} ({width} x {height}): scalar path");
        }
    }

    [Fact]
    public void Printed_receipts_binarize_as_zxing_does()
    {
        foreach (var sample in SampleReceipts.All())
        {
            var renderer = new HeadRenderer();
            renderer.Board.Trace.Enabled = false;
            renderer.Print(sample.Bytes);
            renderer.Printer.Finish();
            var paper = renderer.Printer.Paper;
            if (paper.Height < BlockBinarizer.MinimumDots)
            {
                continue;
            }
            byte[] gray = paper.ToGray(0, paper.Height);
            Assert.True(Zxing(gray, paper.Width, paper.Height).Equals(BlockBinarizer.Binarize(gray, paper.Width, paper.Height)), sample.Name);
        }
    }

    [Fact]
    public void A_changed_pixel_changes_both_and_the_comparison_sees_it()
    {
        var random = new Random(7);
        int width = 64;
        int height = 48;
        byte[] gray = RandomImage(random, width, height);
        var before = BlockBinarizer.Binarize(gray, width, height);
        int at = 20 * width + 30;
        gray[at] = before[30, 20] ? (byte)255 : (byte)0;
        var after = BlockBinarizer.Binarize(gray, width, height);
        Assert.False(before.Equals(after));
        Assert.True(after.Equals(Zxing(gray, width, height)));
    }

    [Fact]
    public void Small_images_are_zxing_own_global_threshold()
    {
        var random = new Random(3);
        int width = 30;
        int height = 60;
        byte[] gray = RandomImage(random, width, height);
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var binarizer = new BlockBinarizer(source, gray);
        Assert.True(Zxing(gray, width, height).Equals(binarizer.BlackMatrix));
    }

    [Fact]
    public void An_image_too_small_or_short_of_pixels_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BlockBinarizer.Binarize(new byte[39 * 50], 39, 50));
        Assert.Throws<ArgumentException>(() => BlockBinarizer.Binarize(new byte[50 * 39], 50, 39));
        Assert.Throws<ArgumentException>(() => BlockBinarizer.Binarize(new byte[50 * 50 - 1], 50, 50));
    }

    [Fact]
    public void Gray_shorter_than_the_source_is_refused()
    {
        var source = new RGBLuminanceSource(new byte[50 * 50], 50, 50, RGBLuminanceSource.BitmapFormat.Gray8);
        Assert.Throws<ArgumentException>(() => new BlockBinarizer(source, new byte[49 * 50]));
    }
}
