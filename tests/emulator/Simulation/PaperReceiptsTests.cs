using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Simulation;
using Xunit;

namespace PosFirmware.Tests.Emulator.Simulation;

/// <summary>
/// Reading the paper through the finder-row band gives what ZXing reads trying harder over the whole
/// piece: on every sample receipt, on receipts torn anywhere across their code, and on the pieces of
/// faulty soak runs; and the band is where the code is.
/// </summary>
public class PaperReceiptsTests
{
    private static readonly Dictionary<string, PaperStrip> Printed = new();

    private static PaperStrip PrintOnHead(string kind)
    {
        lock (Printed)
        {
            if (!Printed.TryGetValue(kind, out var paper))
            {
                var renderer = new HeadRenderer();
                renderer.Board.Trace.Enabled = false;
                renderer.Print(SampleReceipts.All().Single(s => s.Name == kind).Bytes);
                renderer.Printer.Finish();
                paper = renderer.Printer.Paper;
                Printed[kind] = paper;
            }
            return paper;
        }
    }

    private static List<string> Thorough(PaperStrip paper, int from, int to) => PaperReceipts.DecodeQr(paper.ToGray(from, to), paper.Width, to - from);

    public static TheoryData<string> Kinds() => new(SampleReceipts.All().Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_sample_receipt_reads_the_same_through_the_band_as_the_whole_piece(string kind)
    {
        var paper = PrintOnHead(kind);
        var thorough = Thorough(paper, 0, paper.Height);
        Assert.Equal(thorough, PaperReceipts.DecodeQr(paper, 0, paper.Height));
        bool hasCode = PaperReceipts.FinderBand(paper, 0, paper.Height, out _, out _, out _);
        Assert.Equal(thorough.Count > 0, hasCode);
    }

    [Fact]
    public void The_band_holds_the_code_and_not_the_whole_receipt()
    {
        var paper = PrintOnHead("sale-customer");
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module));
        Assert.InRange(module, 2, 12);
        Assert.True(bottom - top < paper.Height / 3, $"band {top}..{bottom} of {paper.Height} rows");
        int margin = PaperReceipts.BandMarginModules * module;
        Assert.Single(Thorough(paper, Math.Max(0, top - margin), Math.Min(paper.Height, bottom + 1 + margin)));
    }

    [Fact]
    public void The_columns_from_the_leftmost_finder_one_code_wide_hold_the_code_and_not_the_whole_width()
    {
        var paper = PrintOnHead("sale-customer");
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module, out int left));
        int margin = PaperReceipts.BandMarginModules * module;
        int from = Math.Max(0, top - margin);
        int to = Math.Min(paper.Height, bottom + 1 + margin);
        int columnFrom = Math.Max(0, left - margin);
        int columnTo = Math.Min(paper.Width, left + (bottom - top + 1) + margin);
        Assert.True(columnTo - columnFrom < paper.Width * 3 / 4, $"columns {columnFrom}..{columnTo} of {paper.Width}");
        // Cut from the whole piece's gray, independently of how the decoder crops it.
        byte[] whole = paper.ToGray(from, to);
        int width = columnTo - columnFrom;
        var window = new byte[width * (to - from)];
        for (int y = 0; y < to - from; y++)
        {
            Array.Copy(whole, y * paper.Width + columnFrom, window, y * width, width);
        }
        Assert.Equal(Thorough(paper, 0, paper.Height), PaperReceipts.DecodeQr(window, width, to - from));
        // One module fewer on the right and the code no longer reads: the window is no wider than it must be by much.
        int narrow = left + (bottom - top + 1) - module - columnFrom;
        var cut = new byte[narrow * (to - from)];
        for (int y = 0; y < to - from; y++)
        {
            Array.Copy(whole, y * paper.Width + columnFrom, cut, y * narrow, narrow);
        }
        Assert.Empty(PaperReceipts.DecodeQr(cut, narrow, to - from));
    }

    [Fact]
    public void A_receipt_torn_anywhere_across_its_code_reads_the_same_both_ways()
    {
        var paper = PrintOnHead("sale-customer");
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module));
        for (int cut = Math.Max(1, top - 10 * module); cut <= Math.Min(paper.Height - 1, bottom + 10 * module); cut += 7)
        {
            Assert.Equal(Thorough(paper, 0, cut), PaperReceipts.DecodeQr(paper, 0, cut));
            Assert.Equal(Thorough(paper, cut, paper.Height), PaperReceipts.DecodeQr(paper, cut, paper.Height));
        }
    }

    [Fact]
    public void Faulty_soak_runs_read_every_piece_the_same_as_trying_harder_over_it()
    {
        int withCode = 0;
        int without = 0;
        for (ulong seed = 40; seed < 52; seed++)
        {
            var result = SimulationRun.Run(seed, new SimulationConfig { SalesPerRun = 3, KeepPaper = true });
            foreach (var piece in result.Paper)
            {
                var thorough = PaperReceipts.DecodeQr(piece.Gray, piece.Width, piece.Height);
                Assert.True(thorough.SequenceEqual(piece.QrTexts), $"seed {seed}: the band read [{string.Join(", ", piece.QrTexts)}], the whole piece [{string.Join(", ", thorough)}]");
                withCode += thorough.Count > 0 ? 1 : 0;
                without += thorough.Count == 0 ? 1 : 0;
            }
        }
        Assert.True(withCode > 5 && without > 0, $"{withCode} pieces with a code, {without} without");
    }

    [Fact]
    public void Gray_of_rows_and_columns_is_the_pixels_the_paper_gives_its_png()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var paper = new PaperStrip(384);
            int height = random.Next(1, 40);
            paper.ExtendTo(height - 1);
            for (int n = random.Next(0, 3000); n > 0; n--)
            {
                // Darkness of every kind: full, faint, at halves of a gray step, summed past 1.
                double darkness = random.Next(4) switch
                {
                    0 => 1,
                    1 => 1 - (random.Next(256) + 0.5) / 255,
                    _ => random.NextDouble(),
                };
                paper.Mark(random.Next(height), random.Next(384), darkness, random.Next(3) == 0 ? 0.5 : 1, 0);
            }
            int from = random.Next(height);
            int to = random.Next(from, height + 1);
            int columnFrom = random.Next(384);
            int columnTo = random.Next(columnFrom + 1, 385);
            byte[] whole = paper.ToGray(from, to);
            byte[] gray = PaperReceipts.Gray(paper, from, to, columnFrom, columnTo);
            int width = columnTo - columnFrom;
            Assert.Equal(width * Math.Max(1, to - from), gray.Length);
            for (int y = 0; y < to - from; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    Assert.True(whole[y * 384 + columnFrom + x] == gray[y * width + x], $"seed {seed}: row {from + y}, column {columnFrom + x}");
                }
            }
        }
    }
}
