using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Printing;
using Xunit;

namespace PosFirmware.Tests.Emulator.Printing;

/// <summary>Printing through the driver and head model when the head faults: the job resumes at the right line.</summary>
public class HeadRendererTests
{
    [Fact]
    public void A_receipt_interrupted_by_an_overheated_head_resumes_at_the_faulted_line()
    {
        var job = SampleReceipts.All().Single(s => s.Name == "sale-merchant").Bytes;
        var cool = new HeadRenderer(ProfileLibrary.Second);
        Assert.True(cool.Print(job).Completed);
        Assert.Equal(0, cool.Resumes);
        Assert.Empty(cool.Printer.Violations);

        // The head starts a hair below its stop temperature (JX-2R-01: 65 degC less the driver's margin),
        // so printing heats it over; then the case cools (ambient 25 degC) and the driver lets it go on.
        var hot = new HeadRenderer(ProfileLibrary.Second, options: new VirtualPrinterOptions { AmbientCelsius = 64.4 });
        var interpreter = new EscPosInterpreter(PrinterFonts.Open(), new PrintLimits());
        var result = interpreter.Print(job, 0, job.Length, hot.Printer.Sink, 0);
        Assert.Equal(PrintStatus.Overheat, result.Status);
        int faultedAt = result.DotLinesDone;
        Assert.InRange(faultedAt, 1, cool.Printer.Paper.Height - 1);
        hot.Printer.Thermal.AmbientCelsius = 25;
        int resumes = 0;
        while (result.Status == PrintStatus.Overheat && resumes < 1000)
        {
            hot.Board.Clock.DelayMicros(100_000);
            resumes++;
            result = interpreter.Print(job, 0, job.Length, hot.Printer.Sink, result.DotLinesDone);
        }
        Assert.True(result.Completed, $"stopped with {result.Status}");
        Assert.Empty(hot.Printer.Violations);
        hot.Printer.Finish();
        cool.Printer.Finish();
        // Every dot line lands where it would have without the pause; the driver's stop (it feeds a line
        // after the last heated one, as the datasheet asks) leaves at most one extra blank line at the end.
        var coolPaper = cool.Printer.Paper;
        var hotPaper = hot.Printer.Paper;
        Assert.InRange(hotPaper.Height - coolPaper.Height, 0, 1);
        for (int row = 0; row < hotPaper.Height; row++)
        {
            byte[] expected = row < coolPaper.Height ? coolPaper.RowBits(row) : new byte[48];
            Assert.True(expected.AsSpan().SequenceEqual(hotPaper.RowBits(row)),
                $"row {row} differs after a fault at dot line {faultedAt} and {resumes} waits");
        }
    }
}
