using PosFirmware.Emulator.PrintHead;
using System.Runtime.Intrinsics;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;
using ZXing.QrCode;

namespace PosFirmware.Emulator.Simulation;

/// <summary>One receipt as read back off the paper: the fields its QR code carries.</summary>
public sealed record PaperReceipt(string Reference, string TerminalId, int Trace, string Text);

/// <summary>
/// Reads the receipts off the paper model's image with ZXing (a decoder written by others, not the
/// firmware's own account of what it printed): each torn-off piece is binarized and every QR code on it
/// decoded. The sale receipt's QR reads "POSREF:rrn;TID:tid;TRACE:nnnnnn;TIME:...".
/// A piece is first searched for the rows of a QR code's finder patterns (a cheap scan of its dots), so
/// ZXing sees only the code those rows imply (a receipt prints one), or the band that holds the codes; a piece
/// with no finder pattern has no code to read.
/// </summary>
public static class PaperReceipts
{
    /// <summary>White rows kept around the finder rows of a piece, in modules (a QR's quiet zone is 4).</summary>
    public const int BandMarginModules = 8;

    /// <summary>
    /// Darkness from which a dot counts as dark in the scan: lower than half, so a faded code whose grey
    /// ZXing's local threshold would still call black is found too.
    /// </summary>
    public const double DarkDarkness = 0.25;

    /// <summary>ZXing's hybrid binarizer thresholds locally only on images at least this many dots each way.</summary>
    public const int MinimumLocalThresholdDots = 40;

    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
        [DecodeHintType.TRY_HARDER] = true,
    };

    // One reader per worker thread, kept: it holds no result between codes.
    [ThreadStatic]
    private static QRCodeMultiReader? Reader;

    private static readonly Dictionary<DecodeHintType, object> FirstTryHints = new()
    {
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
    };

    /// <summary>
    /// Every QR text on the rows [from, to) of a paper strip, top to bottom: when the finder rows imply one code
    /// alone on white, ZXing reads just that code as a pure barcode; else it reads the band of rows that holds
    /// finder patterns, first without trying harder; if the band gives nothing, the whole piece is read the
    /// thorough way.
    /// </summary>
    public static List<string> DecodeQr(PaperStrip paper, int from, int to)
    {
        if (!FinderBand(paper, from, to, out int top, out int bottom, out int moduleDots, out int left))
        {
            return new List<string>();
        }
        string? lone = DecodeLoneSymbol(paper, from, to, top, bottom, moduleDots, left);
        if (lone != null)
        {
            return new List<string> { lone };
        }
        int margin = BandMarginModules * moduleDots;
        int bandFrom = Math.Max(from, top - margin);
        int bandTo = Math.Min(to, bottom + 1 + margin);
        // A code is square, as wide as its finders' rows are tall, and starts at the leftmost finder found:
        // ZXing is given those columns and the same margin either side (all of them when that is too narrow
        // for its local threshold).
        int side = bottom - top + 1;
        int columnFrom = Math.Max(0, left - margin);
        int columnTo = Math.Min(paper.Width, left + side + margin);
        if (columnTo - columnFrom < MinimumLocalThresholdDots)
        {
            columnFrom = 0;
            columnTo = paper.Width;
        }
        var texts = Decode(Gray(paper, bandFrom, bandTo, columnFrom, columnTo), columnTo - columnFrom, bandTo - bandFrom, FirstTryHints);
        if (texts.Count == 0)
        {
            texts = DecodeQr(paper.ToGray(from, to), paper.Width, to - from);
        }
        return texts;
    }

    /// <summary>White modules the lone-symbol crop keeps around the symbol its finder rows imply (a QR's quiet zone is 4).</summary>
    public const int LoneMarginModules = 2;

    private static readonly Dictionary<DecodeHintType, object> PureHints = new()
    {
        [DecodeHintType.PURE_BARCODE] = true,
    };

    [ThreadStatic]
    private static QRCodeReader? LoneReader;

    /// <summary>
    /// The text of the one QR code the finder rows [top, bottom] from the column left imply, read by ZXing as a
    /// pure barcode (the module grid sampled from the code's own outline, no finder search), or null when the
    /// crop around it is not exactly one whole code on white, or ZXing cannot read it. The finder rows are the
    /// centre three of a finder's seven modules, so the code reaches two modules beyond them up and down, and is
    /// as wide as it is tall. A pure read is valid only for an image that is the code and white around it: the
    /// black pixels of the crop (as ZXing's threshold sees them) must keep off its edges and make one square
    /// the size the finder rows imply; two codes, a code clipped by the tear or the strip's edge, or anything
    /// dark beside the code fail that, and the band is read the general way.
    /// </summary>
    public static string? DecodeLoneSymbol(PaperStrip paper, int from, int to, int top, int bottom, int moduleDots, int left)
    {
        int side = bottom - top + 1 + 4 * moduleDots;
        int clear = LoneMarginModules * moduleDots;
        int rowFrom = Math.Max(from, top - 2 * moduleDots - clear);
        int rowTo = Math.Min(to, top - 2 * moduleDots + side + clear);
        int columnFrom = Math.Max(0, left - clear);
        int columnTo = Math.Min(paper.Width, left + side + clear);
        int width = columnTo - columnFrom;
        int height = rowTo - rowFrom;
        if (width < MinimumLocalThresholdDots || height < MinimumLocalThresholdDots)
        {
            return null;
        }
        byte[] gray = Gray(paper, rowFrom, rowTo, columnFrom, columnTo);
        var binarizer = new BlockBinarizer(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8), gray);
        if (!IsLoneSquare(binarizer.BlackMatrix, side, moduleDots))
        {
            return null;
        }
        LoneReader ??= new QRCodeReader();
        return LoneReader.decode(new BinaryBitmap(binarizer), PureHints)?.Text;
    }

    /// <summary>
    /// Whether the black pixels of a crop keep at least a pixel off all its edges and fill one square, its
    /// width and height within a module of each other and within two modules of side.
    /// </summary>
    public static bool IsLoneSquare(BitMatrix black, int side, int moduleDots)
    {
        int[]? box = black.getEnclosingRectangle();
        if (box == null)
        {
            return false;
        }
        int boxLeft = box[0], boxTop = box[1], boxWidth = box[2], boxHeight = box[3];
        bool inside = boxLeft > 0 && boxTop > 0 && boxLeft + boxWidth < black.Width && boxTop + boxHeight < black.Height;
        return inside && Math.Abs(boxWidth - boxHeight) <= moduleDots && Math.Abs(boxHeight - side) <= 2 * moduleDots;
    }

    /// <summary>
    /// The first and last rows of [from, to) that cross a finder pattern (dark, light, dark, light, dark runs
    /// in the proportions 1:1:3:1:1, each within half a module, as ZXing looks for them), and the module size
    /// in dots; false when no row does.
    /// </summary>
    public static bool FinderBand(PaperStrip paper, int from, int to, out int top, out int bottom, out int moduleDots)
    {
        return FinderBand(paper, from, to, out top, out bottom, out moduleDots, out _);
    }

    /// <summary>As FinderBand, and the leftmost column of a finder pattern found (its outer dark edge).</summary>
    public static bool FinderBand(PaperStrip paper, int from, int to, out int top, out int bottom, out int moduleDots, out int left)
    {
        left = int.MaxValue;
        top = -1;
        bottom = -1;
        moduleDots = 1;
        var runs = new int[5];
        var down = new int[5];
        var darkBits = new ulong[(paper.Width + 63) / 64];
        // A finder's centre is three modules (at least three rows) tall, and every row through it crosses the
        // whole pattern, so every third row is enough to find it; the two rows above the first and below the
        // last found are then looked at too, nearest first.
        for (int row = from; row < to; row += FinderRowStep)
        {
            if (row + FinderRowStep < to)
            {
                // The next row scanned is asked for from memory while this one is scanned.
                RowPrefetch.Ask(paper.MarkedRowOrNull(row + FinderRowStep), paper.Width);
            }
            int module = FinderModuleInRow(paper, row, from, to, runs, down, darkBits, out int edge);
            if (module > 0)
            {
                left = Math.Min(left, edge);
                top = top < 0 ? row : top;
                bottom = row;
                moduleDots = Math.Max(moduleDots, module);
            }
        }
        if (top < 0)
        {
            return false;
        }
        // The rows between those scanned, above the first found and below the last: the band grows while they cross.
        for (int k = 1; k < FinderRowStep && top - 1 >= from; k++)
        {
            if (FinderModuleInRow(paper, top - 1, from, to, runs, down, darkBits, out int topEdge) == 0)
            {
                break;
            }
            top--;
            left = Math.Min(left, topEdge);
        }
        for (int k = 1; k < FinderRowStep && bottom + 1 < to; k++)
        {
            if (FinderModuleInRow(paper, bottom + 1, from, to, runs, down, darkBits, out int bottomEdge) == 0)
            {
                break;
            }
            bottom++;
            left = Math.Min(left, bottomEdge);
        }
        return true;
    }

    /// <summary>Rows from one scanned for finder patterns to the next: a finder's centre is at least this many rows tall.</summary>
    public const int FinderRowStep = 3;

    // The module size of a finder pattern crossed by the row, across and down through its centre, or 0 for none.
    private static int FinderModuleInRow(PaperStrip paper, int row, int from, int to, int[] runs, int[] down, ulong[] darkBits, out int left)
    {
        left = 0;
        float[]? darkness = paper.MarkedRowOrNull(row);
        if (darkness == null || darkness.Length == 0)
        {
            return 0;
        }
        int width = darkness.Length;
        DarkBits(darkness, darkBits);
        int filled = 0;
        int start = 0;
        bool dark = (darkBits[0] & 1) != 0;
        // Run by run: a run ends where a pixel's shade differs from the one before it, a set bit of the word
        // XOR itself shifted by a pixel (the pixel before a word's first is the last of the word before),
        // taken a set bit at a time.
        int words = (width + 63) >> 6;
        ulong before = darkBits[0] & 1;
        for (int word = 0; word < words; word++)
        {
            ulong bits = darkBits[word];
            ulong ends = bits ^ (bits << 1 | before);
            before = bits >> 63;
            if (word == words - 1 && (width & 63) != 0)
            {
                // No run ends at or past the row's end but the last, below.
                ends &= (1UL << (width & 63)) - 1;
            }
            while (ends != 0)
            {
                int end = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(ends);
                ends &= ends - 1;
                int module = RunEnded(paper, row, from, to, runs, down, start, end, dark, ref filled, out left);
                if (module > 0)
                {
                    return module;
                }
                start = end;
                dark = !dark;
            }
        }
        return RunEnded(paper, row, from, to, runs, down, start, width, dark, ref filled, out left);
    }

    // The run [start, end) of the row ended: kept among the last five, starting with a dark one, and when a dark
    // run completes five that read as a finder across and down, its module size (else 0) and left edge.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int RunEnded(PaperStrip paper, int row, int from, int to, int[] runs, int[] down, int start, int end, bool dark, ref int filled, out int left)
    {
        left = 0;
        if (!dark && filled == 0)
        {
            return 0;
        }
        if (filled == 5)
        {
            runs[0] = runs[2];
            runs[1] = runs[3];
            runs[2] = runs[4];
            filled = 3;
        }
        runs[filled++] = end - start;
        // A finder's centre run is longer than its outer ones (FinderModule asks 14 r < 3 t of an outer
        // run and 14 r > 3 t of the centre), so most runs of text are turned away before the full test.
        if (filled == 5 && dark && runs[2] > runs[0] && runs[2] > runs[4])
        {
            int module = FinderModule(runs);
            int centre = end - runs[4] - runs[3] - (runs[2] + 1) / 2;
            if (module > 0 && CrossesDown(paper, row, centre, from, to, runs, down))
            {
                left = end - runs[0] - runs[1] - runs[2] - runs[3] - runs[4];
                return module;
            }
        }
        return 0;
    }

    // One bit a pixel, set where the pixel reads dark (bit i of word w is pixel 64 w + i); bits past the row are clear.
    private static void DarkBits(float[] darkness, ulong[] bits)
    {
        int width = darkness.Length;
        // DarkDarkness (0.25) is exact as a float, so comparing floats reads the same pixels dark.
        var threshold = Vector256.Create((float)DarkDarkness);
        int x = 0;
        int word = 0;
        // Whole words: eight vectors of eight pixels each, written at once.
        for (; x + 64 <= width; x += 64, word++)
        {
            ulong dark = 0;
            for (int part = 0; part < 8; part++)
            {
                var isDark = Vector256.GreaterThanOrEqual(Vector256.Create(darkness, x + 8 * part), threshold);
                dark |= (ulong)Vector256.ExtractMostSignificantBits(isDark) << (8 * part);
            }
            bits[word] = dark;
        }
        if (x < width)
        {
            ulong dark = 0;
            for (int i = 0; x + i < width; i++)
            {
                dark |= darkness[x + i] >= DarkDarkness ? 1UL << i : 0;
            }
            bits[word] = dark;
        }
    }

    // The column through a finder's centre reads the same 1:1:3:1:1 down the paper, at the same size
    // (within 40 %, as ZXing asks); text that happens to look like a finder across seldom does both.
    private static bool CrossesDown(PaperStrip paper, int row, int x, int from, int to, int[] across, int[] down)
    {
        int total = across[0] + across[1] + across[2] + across[3] + across[4];
        Array.Clear(down);
        // The centre run first, up then down (each run's count is the same in any order: a run starts where
        // the one before it in its direction ended). A finder's centre is 3/14 to 9/14 of its height, which
        // is within 40 % of the width across: between 1.8/14 and 12.6/14 of it. Most text that looks like a
        // finder across is turned away here, before the outer runs are walked.
        int up = Walk(paper, row, -1, from, to, x, true, total, down, 2);
        int below = Walk(paper, row + 1, 1, from, to, x, true, total, down, 2);
        if (14 * down[2] <= total || 14 * down[2] >= 13 * total)
        {
            return false;
        }
        up = Walk(paper, up, -1, from, to, x, false, total, down, 1);
        Walk(paper, up, -1, from, to, x, true, total, down, 0);
        below = Walk(paper, below, 1, from, to, x, false, total, down, 3);
        Walk(paper, below, 1, from, to, x, true, total, down, 4);
        int downTotal = down[0] + down[1] + down[2] + down[3] + down[4];
        return Math.Abs(downTotal - total) < 0.4 * total && FinderModule(down) > 0;
    }

    // Counts into down[run] the pixels of the column x from row y on, a row a step, while they are of the
    // shade and within [from, to), up to total + 1 in all; the row after the last counted.
    private static int Walk(PaperStrip paper, int y, int step, int from, int to, int x, bool dark, int total, int[] down, int run)
    {
        while (y >= from && y < to && Dark(paper, y, x) == dark && down[run] <= total)
        {
            down[run]++;
            y += step;
        }
        return y;
    }

    /// <summary>Rows ahead of the one being converted to gray that are asked for from memory.</summary>
    public const int GrayPrefetchRows = 2;

    /// <summary>
    /// The rows [from, to) and columns [columnFrom, columnTo) as 8-bit gray, the pixels PaperStrip.ToGray makes:
    /// round-half-even of 255 (1 - darkness clamped to 0..1), in float; a marked row 32 pixels at a time.
    /// </summary>
    public static byte[] Gray(PaperStrip paper, int from, int to, int columnFrom, int columnTo)
    {
        int width = columnTo - columnFrom;
        var pixels = new byte[width * Math.Max(1, to - from)];
        if (to <= from)
        {
            Array.Fill(pixels, (byte)255);
        }
        for (int y = from; y < to; y++)
        {
            if (y + GrayPrefetchRows < to)
            {
                // Rows a little ahead are asked for from memory while this one is converted.
                RowPrefetch.Ask(paper.MarkedRowOrNull(y + GrayPrefetchRows), paper.Width);
            }
            int at = (y - from) * width - columnFrom;
            float[]? row = paper.MarkedRowOrNull(y);
            if (row == null)
            {
                Array.Fill(pixels, (byte)255, at + columnFrom, width);
                continue;
            }
            int x = columnFrom;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x + 32 <= columnTo; x += 32)
                {
                    var low = Vector256.Narrow(GrayOf(row, x), GrayOf(row, x + 8));
                    var high = Vector256.Narrow(GrayOf(row, x + 16), GrayOf(row, x + 24));
                    Vector256.Narrow(low.AsUInt16(), high.AsUInt16()).CopyTo(pixels, at + x);
                }
            }
            for (; x < columnTo; x++)
            {
                pixels[at + x] = (byte)Math.Round(255 * (1 - Math.Clamp(row[x], 0f, 1f)));
            }
        }
        return pixels;
    }

    // Eight pixels' gray (0..255) from their darkness, as the scalar formula gives it.
    private static Vector256<int> GrayOf(float[] row, int x)
    {
        var darkness = Vector256.Min(Vector256.Max(Vector256.Create(row, x), Vector256<float>.Zero), Vector256<float>.One);
        return Vector256.ConvertToInt32(Vector256.Round(Vector256.Create(255f) * (Vector256<float>.One - darkness)));
    }

    private static bool Dark(PaperStrip paper, int row, int x) => paper.DarknessAt(row, x) >= DarkDarkness;

    private static int FinderModule(int[] runs)
    {
        int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
        if (total < 7)
        {
            return 0;
        }
        // Each run within half a module (total / 7) of its share, in whole numbers: |total / 7 - run| < total / 14
        // is |2 total - 14 run| < total, and the centre's |3 total / 7 - run| < 3 total / 14 is |6 total - 14 run| < 3 total.
        bool fits = Math.Abs(2 * total - 14 * runs[0]) < total && Math.Abs(2 * total - 14 * runs[1]) < total
            && Math.Abs(6 * total - 14 * runs[2]) < 3 * total && Math.Abs(2 * total - 14 * runs[3]) < total
            && Math.Abs(2 * total - 14 * runs[4]) < total;
        return fits ? (total + 6) / 7 : 0;
    }

    /// <summary>Every QR text on a gray piece, top to bottom, the thorough way (ZXing tries harder over every row).</summary>
    public static List<string> DecodeQr(byte[] gray, int width, int height)
    {
        return Decode(gray, width, height, Hints);
    }

    private static List<string> Decode(byte[] gray, int width, int height, Dictionary<DecodeHintType, object> hints)
    {
        var texts = new List<string>();
        if (height < 21)
        {
            return texts;
        }
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        Reader ??= new QRCodeMultiReader();
        var results = Reader.decodeMultiple(new BinaryBitmap(new BlockBinarizer(source, gray)), hints);
        if (results == null)
        {
            return texts;
        }
        var ordered = new List<Result>(results);
        ordered.Sort((a, b) => Top(a).CompareTo(Top(b)));
        foreach (var result in ordered)
        {
            texts.Add(result.Text);
        }
        return texts;
    }

    /// <summary>A sale receipt's QR text parsed, or null if it is not one.</summary>
    public static PaperReceipt? Parse(string text)
    {
        string? reference = null, terminal = null, trace = null;
        foreach (var field in text.Split(';'))
        {
            int colon = field.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }
            string value = field[(colon + 1)..];
            switch (field[..colon])
            {
                case "POSREF": reference = value; break;
                case "TID": terminal = value; break;
                case "TRACE": trace = value; break;
            }
        }
        if (reference == null || terminal == null || trace == null || !int.TryParse(trace, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number))
        {
            return null;
        }
        return new PaperReceipt(reference, terminal, number, text);
    }

    private static float Top(Result result)
    {
        float top = float.MaxValue;
        if (result.ResultPoints != null)
        {
            foreach (var point in result.ResultPoints)
            {
                if (point != null)
                {
                    top = Math.Min(top, point.Y);
                }
            }
        }
        return top;
    }
}
