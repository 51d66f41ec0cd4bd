using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ZXing;
using ZXing.Common;

namespace PosFirmware.Emulator.Simulation;

/// <summary>
/// ZXing's HybridBinarizer, the same black and white to the pixel, worked out from the gray bytes directly:
/// a black point per 8x8 block (its average, or half its darkest pixel where it has little contrast,
/// or its earlier neighbours' where that is lighter), and a pixel black where it is at most the mean of
/// the 5x5 blocks around its own. HybridBinarizer writes the bits one pixel at a time through the
/// matrix's indexer; here a row's thresholds are laid out once per block row and 32 pixels compared at
/// a time. Images smaller than ZXing's local threshold takes, and the 1D row reads, are ZXing's own.
/// </summary>
public sealed class BlockBinarizer : Binarizer
{
    /// <summary>ZXing's block side in pixels (2^3).</summary>
    public const int BlockDots = 8;

    /// <summary>Blocks whose darkest and lightest pixels differ by no more than this count as flat.</summary>
    public const int FlatRange = 24;

    /// <summary>ZXing thresholds locally only on images at least this many pixels each way.</summary>
    public const int MinimumDots = 40;

    private readonly byte[] _gray;
    private BitMatrix? _matrix;
    private HybridBinarizer? _zxing;

    /// <summary>source must be the 8-bit gray image gray (width by height, row by row).</summary>
    public BlockBinarizer(LuminanceSource source, byte[] gray)
        : base(source)
    {
        if (gray.Length < source.Width * source.Height)
        {
            throw new ArgumentException($"gray holds {gray.Length} pixels, the source {source.Width} x {source.Height}", nameof(gray));
        }
        _gray = gray;
    }

    public override BitMatrix BlackMatrix => _matrix ??= Width >= MinimumDots && Height >= MinimumDots ? Binarize(_gray, Width, Height) : Zxing.BlackMatrix;

    public override BitArray getBlackRow(int y, BitArray row) => Zxing.getBlackRow(y, row);

    public override Binarizer createBinarizer(LuminanceSource source) => new HybridBinarizer(source);

    private HybridBinarizer Zxing => _zxing ??= new HybridBinarizer(LuminanceSource);

    /// <summary>
    /// The black pixels of a gray image at least MinimumDots each way, as HybridBinarizer finds them;
    /// vectors false takes the scalar path throughout (the same bits, for tests to compare).
    /// </summary>
    public static BitMatrix Binarize(byte[] gray, int width, int height, bool vectors = true)
    {
        if (width < MinimumDots || height < MinimumDots || gray.Length < width * height)
        {
            throw new ArgumentException($"a local threshold needs at least {MinimumDots} x {MinimumDots} pixels, all given: {width} x {height} in {gray.Length}");
        }
        int subWidth = (width + BlockDots - 1) / BlockDots;
        int subHeight = (height + BlockDots - 1) / BlockDots;
        var blackPoints = new int[subWidth * subHeight];
        BlackPoints(gray, width, height, subWidth, subHeight, blackPoints, vectors);
        var thresholds = Thresholds(blackPoints, subWidth, subHeight);
        var matrix = new BitMatrix(width, height);
        var row = new BitArray(width);
        int[] words = row.Array;
        var rowThreshold = new byte[width];
        int shownBlockRow = -1;
        for (int y = 0; y < height; y++)
        {
            // The last block of a row or column that does not divide by 8 sits on the image's last 8
            // pixels, and, thresholded after the block before it, decides the pixels the two share.
            int blockRow = LastBlockCovers(y, height) ? subHeight - 1 : y / BlockDots;
            if (blockRow != shownBlockRow)
            {
                LayOut(thresholds, blockRow * subWidth, subWidth, width, rowThreshold);
                shownBlockRow = blockRow;
            }
            Threshold(gray, y * width, rowThreshold, width, words, vectors);
            matrix.setRow(y, row);
        }
        return matrix;
    }

    private static bool LastBlockCovers(int at, int length) => length % BlockDots != 0 && at >= length - BlockDots;

    // Each block's threshold spread over its pixels of a row: a byte a pixel.
    private static void LayOut(byte[] thresholds, int first, int subWidth, int width, byte[] rowThreshold)
    {
        int whole = width / BlockDots;
        for (int block = 0; block < whole; block++)
        {
            Array.Fill(rowThreshold, thresholds[first + block], block * BlockDots, BlockDots);
        }
        if (whole < subWidth)
        {
            Array.Fill(rowThreshold, thresholds[first + subWidth - 1], width - BlockDots, BlockDots);
        }
    }

    // A pixel is black where its gray is at most its threshold (<=, so black 0 stays black at threshold 0).
    private static void Threshold(byte[] gray, int at, byte[] rowThreshold, int width, int[] words, bool vectors)
    {
        int x = 0;
        if (vectors && Vector256.IsHardwareAccelerated)
        {
            for (; x + 32 <= width; x += 32)
            {
                var black = Vector256.LessThanOrEqual(Vector256.Create(gray, at + x), Vector256.Create(rowThreshold, x));
                words[x >> 5] = (int)black.ExtractMostSignificantBits();
            }
        }
        for (; x < width; x += 32)
        {
            int word = 0;
            for (int bit = 0; bit < 32 && x + bit < width; bit++)
            {
                word |= gray[at + x + bit] <= rowThreshold[x + bit] ? 1 << bit : 0;
            }
            words[x >> 5] = word;
        }
    }

    // A block's threshold: the mean of the black points of the 5x5 blocks around it, the 5x5 moved
    // inside the image at its edges.
    private static byte[] Thresholds(int[] blackPoints, int subWidth, int subHeight)
    {
        var thresholds = new byte[blackPoints.Length];
        for (int y = 0; y < subHeight; y++)
        {
            int top = Math.Min(Math.Max(y, 2), subHeight - 3);
            for (int x = 0; x < subWidth; x++)
            {
                int left = Math.Min(Math.Max(x, 2), subWidth - 3);
                int sum = 0;
                for (int z = -2; z <= 2; z++)
                {
                    int at = (top + z) * subWidth + left;
                    sum += blackPoints[at - 2] + blackPoints[at - 1] + blackPoints[at] + blackPoints[at + 1] + blackPoints[at + 2];
                }
                thresholds[y * subWidth + x] = (byte)(sum / 25);
            }
        }
        return thresholds;
    }

    private static void BlackPoints(byte[] gray, int width, int height, int subWidth, int subHeight, int[] blackPoints, bool vectors)
    {
        var sums = new int[subWidth];
        var mins = new int[subWidth];
        var maxes = new int[subWidth];
        for (int y = 0; y < subHeight; y++)
        {
            int yoffset = Math.Min(y * BlockDots, height - BlockDots);
            BlockStatistics(gray, yoffset * width, width, subWidth, sums, mins, maxes, vectors);
            for (int x = 0; x < subWidth; x++)
            {
                int min = mins[x];
                int average = sums[x] >> 6;
                if (maxes[x] - min <= FlatRange)
                {
                    // Flat: taken for background, half its darkest pixel, unless the blocks above and to
                    // the left found a black point above its darkest pixel.
                    average = min >> 1;
                    if (y > 0 && x > 0)
                    {
                        int at = y * subWidth + x;
                        int neighbours = (blackPoints[at - subWidth] + 2 * blackPoints[at - 1] + blackPoints[at - subWidth - 1]) >> 2;
                        if (min < neighbours)
                        {
                            average = neighbours;
                        }
                    }
                }
                blackPoints[y * subWidth + x] = average;
            }
        }
    }

    // Sum, darkest and lightest pixel of each block of the block row whose first pixel is at `at`.
    private static void BlockStatistics(byte[] gray, int at, int width, int subWidth, int[] sums, int[] mins, int[] maxes, bool vectors)
    {
        int x = 0;
        if (vectors && Avx2.IsSupported)
        {
            // Four blocks a vector: the sums by summed absolute differences from zero (one per 8 bytes),
            // the darkest and lightest down the rows, then within each block's 8 bytes.
            for (; (x + 4) * BlockDots <= width; x += 4)
            {
                int first = at + x * BlockDots;
                var pixels = Vector256.Create(gray, first);
                var sum = Avx2.SumAbsoluteDifferences(pixels, Vector256<byte>.Zero);
                var min = pixels;
                var max = pixels;
                for (int r = 1; r < BlockDots; r++)
                {
                    pixels = Vector256.Create(gray, first + r * width);
                    sum += Avx2.SumAbsoluteDifferences(pixels, Vector256<byte>.Zero);
                    min = Vector256.Min(min, pixels);
                    max = Vector256.Max(max, pixels);
                }
                min = WithinBlocks(min, true);
                max = WithinBlocks(max, false);
                var sum64 = sum.AsUInt64();
                var min64 = min.AsUInt64();
                var max64 = max.AsUInt64();
                for (int k = 0; k < 4; k++)
                {
                    sums[x + k] = (int)sum64.GetElement(k);
                    mins[x + k] = (int)(min64.GetElement(k) & 0xFF);
                    maxes[x + k] = (int)(max64.GetElement(k) & 0xFF);
                }
            }
        }
        for (; x < subWidth; x++)
        {
            int first = at + Math.Min(x * BlockDots, width - BlockDots);
            int sum = 0;
            int min = 255;
            int max = 0;
            for (int r = 0; r < BlockDots; r++)
            {
                for (int c = 0; c < BlockDots; c++)
                {
                    int pixel = gray[first + r * width + c];
                    sum += pixel;
                    min = Math.Min(min, pixel);
                    max = Math.Max(max, pixel);
                }
            }
            sums[x] = sum;
            mins[x] = min;
            maxes[x] = max;
        }
    }

    // The darkest (or lightest) of each 8 bytes, in the low byte of its 64-bit lane.
    private static Vector256<byte> WithinBlocks(Vector256<byte> v, bool darkest)
    {
        for (int shift = 32; shift >= 8; shift /= 2)
        {
            var moved = Vector256.ShiftRightLogical(v.AsUInt64(), shift).AsByte();
            v = darkest ? Vector256.Min(v, moved) : Vector256.Max(v, moved);
        }
        return v;
    }
}
