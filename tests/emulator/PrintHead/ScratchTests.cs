using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.PrintHead;

public class ScratchTests
{
    private readonly ITestOutputHelper _out;

    public ScratchTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public void Scratch()
    {
        var profile = ProfileLibrary.Load("LTPD245C");
        var board = new VirtualBoard(1);
        var printer = new VirtualPrinter(board, profile, new VirtualPrinterOptions { SourceOhms = 0, Driver = new PosFirmware.PrintHead.PrintHeadConfig { SupplySourceMilliohms = 0 } });
        var page = TestPages.Receipt(384, 800, 1);
        for (int i = 0; i < 3; i++)
        {
            printer.Sink.PrintLine(page[i], 0);
        }
        long from = board.Clock.NowNanos;
        for (int i = 3; i < 7; i++)
        {
            _out.WriteLine($"{(board.Clock.NowNanos - from) / 1000.0:F1} LINE {i}");
            printer.Sink.PrintLine(page[i], 0);
        }
        long lastStep = from;
        foreach (var c in board.Trace.Changes)
        {
            string name = board.Trace.Signals[c.SignalIndex].Name;
            if (c.AtNanos >= from && (name.StartsWith("MT") || (name.StartsWith("STB") && c.Value == 1) || name == "LAT" && c.Value == 0))
            {
                string extra = name.StartsWith("MT") ? $" interval {(c.AtNanos - lastStep) / 1000.0:F0}" : "";
                if (name.StartsWith("MT")) { lastStep = c.AtNanos; }
                _out.WriteLine($"{(c.AtNanos - from) / 1000.0:F1} {name} {c.Value}{extra}");
            }
        }
    }
}
