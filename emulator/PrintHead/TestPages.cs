using System.Globalization;
using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Printing;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Deterministic pages for benchmarks and the demo, as packed dot lines (48 bytes per 384-dot line, MSB =
/// leftmost dot). Coverage targets follow the Axiohm figures in docs/print-head.md (speed anchors): a typical receipt
/// is about 12 % black, barcodes and QR codes about 50 %.
/// </summary>
public static class TestPages
{
    /// <summary>A receipt: rows of 12x24 glyph cells with gaps, a few rules and blank lines (about 12 % black).</summary>
    public static byte[][] Receipt(int dotsPerLine, int lines, ulong seed)
    {
        var random = new SimRandom(seed).Fork("receipt");
        var page = NewPage(dotsPerLine, lines);
        int y = 0;
        while (y < lines)
        {
            int kind = random.Next(10);
            if (kind == 0)
            {
                // A dashed rule across the paper.
                for (int x = 0; x < dotsPerLine && y + 1 < lines; x++)
                {
                    if (x % 12 < 8)
                    {
                        Set(page[y], x);
                        Set(page[y + 1], x);
                    }
                }
                y += 8;
                continue;
            }
            int chars = 8 + random.Next(24);
            int left = kind < 3 ? (dotsPerLine - chars * 12) / 2 : 0;
            for (int c = 0; c < chars; c++)
            {
                if (random.Chance(0.12))
                {
                    continue; // a space
                }
                DrawGlyph(page, y, left + c * 12, random, lines, dotsPerLine);
            }
            y += 24 + 6 + (random.Chance(0.2) ? 24 : 0);
        }
        return page;
    }

    /// <summary>A dense page: barcode bands and QR-like module fields across the width (about 50 % black).</summary>
    public static byte[][] Dense(int dotsPerLine, int lines, ulong seed)
    {
        var random = new SimRandom(seed).Fork("dense");
        var page = NewPage(dotsPerLine, lines);
        int y = 0;
        while (y < lines)
        {
            int height = Math.Min(lines - y, 80 + random.Next(80));
            if (random.Next(2) == 0)
            {
                // 1-D barcode: bars and spaces of 1..4 modules of 3 dots, full band height.
                int x = 8;
                bool bar = true;
                while (x < dotsPerLine - 8)
                {
                    int width = 3 * (1 + random.Next(4));
                    if (bar)
                    {
                        for (int dx = 0; dx < width && x + dx < dotsPerLine - 8; dx++)
                        {
                            for (int dy = 0; dy < height; dy++)
                            {
                                Set(page[y + dy], x + dx);
                            }
                        }
                    }
                    x += width;
                    bar = !bar;
                }
            }
            else
            {
                // 2-D code: 8-dot modules, each black with probability one half.
                for (int my = 0; my < height; my += 8)
                {
                    for (int mx = 0; mx + 8 <= dotsPerLine; mx += 8)
                    {
                        if (random.Next(2) == 0)
                        {
                            continue;
                        }
                        for (int dy = 0; dy < 8 && y + my + dy < lines; dy++)
                        {
                            for (int dx = 0; dx < 8; dx++)
                            {
                                Set(page[y + my + dy], mx + dx);
                            }
                        }
                    }
                }
            }
            y += height;
        }
        return page;
    }

    /// <summary>The demo's test page: a frame, a ruler, text, a grey ramp of dot densities, a barcode and a module field.</summary>
    public static byte[][] TestPage(int dotsPerLine, ulong seed)
    {
        var parts = new List<byte[]>();
        var frame = NewPage(dotsPerLine, 16);
        for (int x = 0; x < dotsPerLine; x++)
        {
            Set(frame[0], x);
            Set(frame[1], x);
            if (x % 8 == 0)
            {
                for (int y = 2; y < (x % 64 == 0 ? 16 : 8); y++)
                {
                    Set(frame[y], x);
                }
            }
        }
        parts.AddRange(frame);
        parts.AddRange(Receipt(dotsPerLine, 96, seed));
        var ramp = NewPage(dotsPerLine, 48);
        for (int y = 0; y < 48; y++)
        {
            for (int x = 0; x < dotsPerLine; x++)
            {
                int band = x * 8 / dotsPerLine;
                if (((x + y) % 8) < band + 1)
                {
                    Set(ramp[y], x);
                }
            }
        }
        parts.AddRange(ramp);
        parts.AddRange(Dense(dotsPerLine, 160, seed));
        parts.AddRange(frame);
        return parts.ToArray();
    }

    /// <summary>
    /// The demo's test page for a mechanism under its conditions: a header set in the firmware's font through
    /// its ESC/POS interpreter (the mechanism's name, the supply, source resistance, head temperature and
    /// energy scale, and a CODE128 barcode of the name that zbarimg reads), then the pattern page. The two
    /// mechanisms' pages differ where their physics does (darkness, smear, speed).
    /// </summary>
    public static byte[][] TestPage(MechanismProfile profile, VirtualPrinterOptions conditions, ulong seed)
    {
        var inv = CultureInfo.InvariantCulture;
        var job = new List<byte>();
        void Add(params object[] parts)
        {
            foreach (var part in parts)
            {
                if (part is string text)
                {
                    job.AddRange(Encoding.UTF8.GetBytes(text));
                }
                else
                {
                    job.Add(Convert.ToByte(part, inv));
                }
            }
        }
        Add(0x1B, '@', 0x1B, 'a', 1, 0x1D, '!', 0x11, profile.Name, 0x0A, 0x1D, '!', 0);
        Add(string.Format(inv, "{0:F2} V, {1:F3} ohm", conditions.SupplyVolts, conditions.SourceOhms), 0x0A);
        Add(string.Format(inv, "head {0:F1} degC, energy {1} %", conditions.AmbientCelsius, conditions.Driver.EnergyPercent), 0x0A);
        Add(string.Format(inv, "seed {0}", seed), 0x0A);
        string code = "{B" + profile.Name;
        Add(0x1D, 'h', 64, 0x1D, 'w', 2, 0x1D, 'H', 2, 0x1D, 'k', 73, code.Length, code, 0x0A, 0x1B, 'a', 0);
        var paper = new EscPosRenderer().Render(job.ToArray(), out _);
        var header = NewPage(profile.DotsPerLine, paper.LineCount);
        for (int y = 0; y < paper.LineCount; y++)
        {
            for (int x = 0; x < Math.Min(profile.DotsPerLine, paper.DotsPerLine); x++)
            {
                if (paper.IsBlack(x, y))
                {
                    Set(header[y], x);
                }
            }
        }
        var page = new List<byte[]>(header);
        page.AddRange(NewPage(profile.DotsPerLine, 16));
        page.AddRange(TestPage(profile.DotsPerLine, seed));
        return page.ToArray();
    }

    /// <summary>Fraction of black dots on a page.</summary>
    public static double Coverage(byte[][] page)
    {
        long black = 0;
        long total = 0;
        foreach (var line in page)
        {
            foreach (byte b in line)
            {
                black += System.Numerics.BitOperations.PopCount(b);
            }
            total += line.Length * 8;
        }
        return total == 0 ? 0 : (double)black / total;
    }

    private static byte[][] NewPage(int dotsPerLine, int lines)
    {
        var page = new byte[lines][];
        for (int i = 0; i < lines; i++)
        {
            page[i] = new byte[dotsPerLine / 8];
        }
        return page;
    }

    private static void Set(byte[] line, int x) => line[x >> 3] |= (byte)(0x80 >> (x & 7));

    private static void DrawGlyph(byte[][] page, int top, int left, SimRandom random, int lines, int dotsPerLine)
    {
        // Strokes of a 10x20 glyph: a few vertical and horizontal 2-dot lines, like a bitmap font.
        int strokes = 3 + random.Next(3);
        for (int s = 0; s < strokes; s++)
        {
            bool vertical = random.Next(2) == 0;
            int at = random.Next(vertical ? 9 : 19);
            for (int i = 0; i < (vertical ? 20 : 10); i++)
            {
                for (int w = 0; w < 2; w++)
                {
                    int x = left + 1 + (vertical ? at + w : i);
                    int y = top + 2 + (vertical ? i : at + w);
                    if (y < lines && x >= 0 && x < dotsPerLine)
                    {
                        Set(page[y], x);
                    }
                }
            }
        }
    }
}
