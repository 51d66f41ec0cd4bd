using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The per-line account of where a print's time goes: heat wherever a strobe is on, otherwise the CPU's work
/// by kind or the wait that ends in the next call; the items of a line add up to the line's time.
/// </summary>
public class PathAccountTests
{
    [Fact]
    public void A_line_splits_into_heat_calls_and_the_waits_before_them()
    {
        var path = new PathAccount();
        path.StartLine(0, 0);
        path.Work(PathItem.CpuStrobe, 10_000, 42_000);
        path.StrobeFrom(42_000, 500_000);
        path.Work(PathItem.CpuSpi, 100_000, 208_000);
        path.Work(PathItem.CpuLatch, 572_000, 584_000);
        path.StartLine(600_000, 0.5);

        Assert.Equal(1, path.LineCount);
        var line = path.Line(0);
        Assert.Equal(10, line[(int)PathItem.WaitBeforeStrobe], 6);
        Assert.Equal(32, line[(int)PathItem.CpuStrobe], 6);
        Assert.Equal(500, line[(int)PathItem.Heat], 6);
        Assert.Equal(0, line[(int)PathItem.CpuSpi], 6);
        Assert.Equal(30, line[(int)PathItem.WaitBeforeLatch], 6);
        Assert.Equal(12, line[(int)PathItem.CpuLatch], 6);
        Assert.Equal(16, line[(int)PathItem.WaitOther], 6);
        Assert.Equal(108, path.CpuOfLine(0)[(int)PathItem.CpuSpi], 6);
        Assert.Equal(0.5, path.LineShare(0));
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_printed_line_is_accounted_for_to_the_microsecond(string name)
    {
        var profile = Profiles.Load(name);
        var printer = new VirtualPrinter(new VirtualBoard(1), profile, new VirtualPrinterOptions { Cpu = CpuCosts.Esp32Nano });
        var page = TestPages.Dense(384, 40, 2);
        var lineStarts = new List<long>();
        foreach (var line in page)
        {
            lineStarts.Add(printer.Board.Clock.NowNanos);
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        var path = printer.Cpu!.Path;
        Assert.Equal(page.Length - 1, path.LineCount);
        double heat = 0;
        for (int i = 0; i < path.LineCount; i++)
        {
            double micros = (lineStarts[i + 1] - lineStarts[i]) / 1000.0;
            Assert.Equal(micros, path.Line(i).Sum(), 3);
            heat += path.Line(i)[(int)PathItem.Heat];
        }
        Assert.True(heat > 0);
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
    }
}
