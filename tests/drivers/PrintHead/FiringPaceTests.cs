using PosFirmware.Emulator.PrintHead;
using PosFirmware.Tests.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>
/// How the driver paces firings against the same-dot rest ([S-LTPD245C] Eq. 7: W >= t + 500 us) on the
/// virtual LTPD245C: a dot fires again no sooner than its rest allows (the checker's side) and no later
/// than a couple of microseconds after it (the driver's side), and waiting for a rest never holds a step.
/// </summary>
public class FiringPaceTests
{
    private const int RestMicros = 500;

    /// <summary>Strobe pulses (rise, fall) in ns, blocks firing together merged, in the order they rose; and step times in ns.</summary>
    private sealed class Recorder
    {
        public readonly List<(long Rise, long Fall)> Pulses = new();
        public readonly List<long> Steps = new();

        public Recorder(VirtualPrinter printer)
        {
            StrobePulses.Watch(printer,
                (_, at) =>
                {
                    if (Pulses.Count == 0 || Pulses[^1].Rise != at)
                    {
                        Pulses.Add((at, -1));
                    }
                },
                (_, rise, at) =>
                {
                    int i = Pulses.FindLastIndex(p => p.Rise == rise);
                    Pulses[i] = (rise, Math.Max(Pulses[i].Fall, at));
                });
            long last = long.MinValue;
            foreach (var phase in printer.MotorPhases)
            {
                phase.Connect((_, at) =>
                {
                    if (at != last)
                    {
                        Steps.Add(at);
                        last = at;
                    }
                });
            }
        }
    }

    private static byte[] Dots(int first, int end)
    {
        var line = new byte[48];
        for (int d = first; d < end; d++)
        {
            line[d / 8] |= (byte)(0x80 >> (d % 8));
        }
        return line;
    }

    [Fact]
    public void A_rest_bound_line_fires_again_right_after_the_rest_and_never_before()
    {
        // 64 dots: one pass, heat about 0.5 ms, so every firing waits for the same dots' 500 us rest.
        var printer = PrinterRig.Make(Profiles.Seiko(), sourceOhms: 0);
        var record = new Recorder(printer);
        var line = Dots(0, 64);
        for (int i = 0; i < 60; i++)
        {
            PrinterRig.PrintAll(printer, new[] { line });
        }
        printer.Finish();
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        var pulses = record.Pulses;
        Assert.Equal(120, pulses.Count);
        for (int i = pulses.Count - 40; i < pulses.Count; i++)
        {
            double rest = (pulses[i].Rise - pulses[i - 1].Fall) / 1000.0;
            Assert.InRange(rest, RestMicros, RestMicros + 3);
        }
    }

    [Fact]
    public void A_pass_that_waits_for_its_dots_rest_does_not_hold_the_step()
    {
        // 150 dots need two passes (cap 96): dots 75..149 fire last. The next line, dots 100..179, is one
        // pass holding some of those, so its strobe must wait 500 us after the last pass ended.
        var printer = PrinterRig.Make(Profiles.Seiko(), sourceOhms: 0);
        var record = new Recorder(printer);
        var twoPasses = Dots(0, 150);
        var onePass = Dots(100, 180);
        for (int i = 0; i < 40; i++)
        {
            PrinterRig.PrintAll(printer, new[] { twoPasses });
        }
        // The last pass's strobes may still be due to rise when the call returns (timed by the RMT after a
        // latch sent ahead), so the two-pass lines' firings are counted from the whole run below.
        int pulsesBefore = 40 * 2 * 2;
        int stepsBefore = record.Steps.Count;
        for (int i = 0; i < 10; i++)
        {
            PrinterRig.PrintAll(printer, new[] { onePass });
        }
        printer.Finish();
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        var pulses = record.Pulses;
        Assert.Equal(pulsesBefore + 10 * 2, pulses.Count);
        double rest = (pulses[pulsesBefore].Rise - pulses[pulsesBefore - 1].Fall) / 1000.0;
        Assert.InRange(rest, RestMicros, RestMicros + 3);
        var steps = record.Steps;
        long steadyLongest = 0;
        for (int i = stepsBefore - 40; i < stepsBefore; i++)
        {
            steadyLongest = Math.Max(steadyLongest, steps[i] - steps[i - 1]);
        }
        // The steps through the change keep the two-pass pace or go faster; holding the first step for
        // the rest would make one step about 500 us longer and the table would ramp down from it.
        for (int i = stepsBefore; i < stepsBefore + 30; i++)
        {
            Assert.True(steps[i] - steps[i - 1] <= steadyLongest + 3000,
                $"step {i - stepsBefore} after the change took {(steps[i] - steps[i - 1]) / 1000.0:F0} us, the steady two-pass step {steadyLongest / 1000.0:F0} us");
        }
    }

    [Fact]
    public void A_platen_opened_mid_line_stops_the_strobes_at_once_and_the_line_prints_after_closing()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), sourceOhms: 0);
        var record = new Recorder(printer);
        var line = Dots(0, 150);
        for (int i = 0; i < 20; i++)
        {
            PrinterRig.PrintAll(printer, new[] { line });
        }
        // The line's fault check passes; about 1 ms later, in its second firing, the head is lifted.
        long openAt = printer.Board.Clock.NowNanos + 1_000_000;
        printer.OpenPlatenAt(openAt, true);
        Assert.Equal(PosFirmware.Printing.PrintStatus.PlatenOpen, printer.Sink.PrintLine(line, 0));
        Assert.Contains(record.Pulses, p => p.Rise < openAt && p.Rise > openAt - 1_000_000);
        Assert.DoesNotContain(record.Pulses, p => p.Rise >= openAt);
        printer.OpenPlatenAt(printer.Board.Clock.NowNanos + 1000, false);
        printer.Board.Clock.DelayMicros(10);
        Assert.Equal(PosFirmware.Printing.PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        printer.Finish();
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
    }
}
