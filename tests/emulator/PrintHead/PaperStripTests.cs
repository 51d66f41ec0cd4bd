using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// Recycled paper rows: a strip given back leaves its rows to the thread's next strip of the same width,
/// which must see them white, as fresh rows are; the paper printed on reused rows is the paper printed on new ones.
/// </summary>
public class PaperStripTests
{
    private static void Scribble(PaperStrip paper, Random random, int rows)
    {
        for (int i = 0; i < rows * 20; i++)
        {
            paper.Mark(random.Next(rows), random.Next(paper.Width), random.NextDouble(), 0.5, random.Next(4) == 0 ? random.NextDouble() : 0);
        }
    }

    [Fact]
    public void RecycledStripIsBlankAndItsRowsArePooled()
    {
        new PaperStrip(384).Recycle(); // the thread's pool holds rows of this width from here
        var paper = new PaperStrip(384);
        Scribble(paper, new Random(1), 40);
        int before = PaperStrip.PooledRows;
        int marked = 0;
        for (int row = 0; row < paper.Height; row++)
        {
            marked += paper.RowBits(row).Any(b => b != 0) || Enumerable.Range(0, 384).Any(x => paper.DarknessAt(row, x) != 0) ? 1 : 0;
        }
        Assert.True(marked > 30);

        paper.Recycle();

        Assert.Equal(0, paper.Height);
        Assert.Equal(0, paper.Firings);
        Assert.Equal(0, paper.Smears);
        Assert.Equal(Math.Min(PaperStrip.PooledRowsPerThread, before + marked), PaperStrip.PooledRows);
        // The next strip starts with the recycled one's list of rows, emptied: no rows yet, and white.
        var next = new PaperStrip(384);
        Assert.Equal(0, next.Height);
        next.ExtendTo(9);
        Assert.Equal(10, next.Height);
        Assert.All(next.ToGray(), pixel => Assert.Equal(255, pixel));
    }

    [Fact]
    public void ReusedRowsStartWhite()
    {
        var used = new PaperStrip(384);
        for (int row = 0; row < 50; row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                used.Mark(row, dot, 1, 1, 1);
            }
        }
        used.Recycle();
        int pooled = PaperStrip.PooledRows;
        Assert.True(pooled >= 50);

        var next = new PaperStrip(384);
        next.Mark(3, 5, 1, 0.5, 0);

        Assert.Equal(pooled - 1, PaperStrip.PooledRows);
        byte[] gray = next.ToGray();
        for (int i = 0; i < gray.Length; i++)
        {
            Assert.Equal(i == 3 * 384 + 5 ? (byte)128 : (byte)255, gray[i]);
        }
    }

    [Fact]
    public void APoolTakenToItsLastRowAndPastItHandsOutWhiteRows()
    {
        // Taking a row fetches the one under it ahead: down to the pool's last row and past it (new rows), every
        // row handed out must still start white and the pool must count down to nothing.
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var used = new PaperStrip(384);
        Scribble(used, random, 200);
        used.Recycle();
        int pooled = PaperStrip.PooledRows;
        Assert.True(pooled >= 200, $"seed {seed}: {pooled} rows pooled");

        var next = new PaperStrip(384);
        int rows = pooled + 20;
        var dots = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            dots[row] = random.Next(384);
            next.Mark(row, dots[row], 1, 0.5, 0);
            Assert.Equal(Math.Max(0, pooled - row - 1), PaperStrip.PooledRows);
        }
        for (int row = 0; row < rows; row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                Assert.True(next.DarknessAt(row, dot) == (dot == dots[row] ? 0.5 : 0), $"seed {seed}: row {row} dot {dot} reads {next.DarknessAt(row, dot)}");
            }
        }
    }

    [Fact]
    public void RowsOfAnotherWidthAreNotTaken()
    {
        var narrow = new PaperStrip(16);
        narrow.Mark(0, 1, 1, 1, 0);
        narrow.Recycle();
        int pooled = PaperStrip.PooledRows;

        var wide = new PaperStrip(384);
        wide.Mark(0, 300, 1, 1, 0);

        Assert.Equal(pooled, PaperStrip.PooledRows);
        Assert.Equal(1.0, wide.DarknessAt(0, 300));
    }

    [Fact]
    public void PaperOnReusedRowsIsPaperOnNewRows()
    {
        int seed = Environment.TickCount;
        try
        {
            var random = new Random(seed);
            var old = new PaperStrip(384);
            Scribble(old, random, 60);
            old.Recycle();

            var reused = new PaperStrip(384);
            var fresh = new PaperStrip(384);
            var marks = new Random(seed + 1);
            for (int i = 0; i < 3000; i++)
            {
                int row = marks.Next(80);
                int dot = marks.Next(384);
                double darkness = marks.NextDouble();
                double share = marks.NextDouble();
                double overdrive = marks.Next(3) == 0 ? marks.NextDouble() : 0;
                reused.Mark(row, dot, darkness, share, overdrive);
                fresh.Mark(row, dot, darkness, share, overdrive);
            }

            Assert.True(reused.ToGray().SequenceEqual(fresh.ToGray()), $"seed {seed}");
            Assert.Equal(fresh.Height, reused.Height);
            Assert.Equal(fresh.Smears, reused.Smears);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"seed {seed}", e);
        }
    }
}
