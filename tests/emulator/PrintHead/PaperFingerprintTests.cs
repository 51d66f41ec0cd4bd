using System.Security.Cryptography;
using System.Text;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// Pins what the head model produces, to the bit, for jobs that exercise every path of it: the paper's
/// darkness of every pixel (as float bits, not just the gray image), the energy and paper statistics, the
/// hottest head per row, the analog trace (V, I, T) and every timing violation with its time and text.
/// The expected fingerprints were taken from the straightforward model that visited all 384 dots at every
/// edge; a cheaper model must give the same physics, so any change here is a change of physics. They also
/// depend on the driver's edges: after a driver change they are taken again from that straightforward
/// model with the new driver (last: strobes sent ahead of the latch), never from a changed model. The thermistor
/// read once every 8 lines, and later LAT sent ahead on an RMT channel, changed only the driver: those were
/// taken from the model as it stood, unchanged.
/// </summary>
public class PaperFingerprintTests
{
    [Fact]
    public void A_sale_receipt_on_the_head_gives_the_same_paper_energy_and_trace_to_the_bit()
    {
        var renderer = new HeadRenderer(options: new VirtualPrinterOptions { TraceAnalog = true });
        renderer.Print(SampleReceipts.All().Single(s => s.Name == "sale-customer").Bytes);
        renderer.Printer.Finish();
        AssertFingerprint("57FB93351B52606AF85741E81565FC08DE60DA4F35BE290F87DD52D573B35C2D", Fingerprint(renderer.Printer, includeTrace: true));
    }

    [Fact]
    public void A_fixed_strobe_time_on_a_hot_head_and_full_battery_gives_the_same_smeared_paper()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { FixedHeatMicros = PaperPhysicsTests.FixedMicros }, volts: 8.4, celsius: 55);
        PrintPages(printer, 3);
        Assert.True(printer.Paper.Smears > 0, "no firing smeared");
        AssertFingerprint("DB3ED26A27B1C9EBE251F3C74DBE2E1EB23D94E230628E60E2F0142F7780C5B7", Fingerprint(printer, includeTrace: false));
    }

    [Fact]
    public void A_fixed_strobe_time_on_a_cold_head_and_low_battery_gives_the_same_faded_paper()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { FixedHeatMicros = PaperPhysicsTests.FixedMicros }, volts: 6.0, sourceOhms: 0.4, celsius: 0);
        PrintPages(printer, 4);
        Assert.True(printer.Paper.Faded > 0, "no firing faded");
        AssertFingerprint("E6E9F9BEB1119F6182CC918F4BAFC27A57B27007CB2FEF9235CCDB61EEEFD93E", Fingerprint(printer, includeTrace: false));
    }

    [Fact]
    public void The_second_mechanism_gives_the_same_paper()
    {
        var printer = PrinterRig.Make(Profiles.Jingxin(), celsius: 12);
        PrintPages(printer, 6);
        AssertFingerprint("EE869FB855F9DA12D386962C2F264AA28C5408ECFDCCBF49BB354806039D583A", Fingerprint(printer, includeTrace: false));
    }

    [Fact]
    public void A_driver_breaking_the_dot_cap_and_the_rest_gives_the_same_violations_and_paper()
    {
        var wrong = Profiles.Seiko(("maxSimultaneousDots", "128"), ("sameDotRestMicros", "0"), ("sameDotMinPeriodMicros", "0"));
        var printer = PrinterRig.Make(Profiles.Seiko(), driverProfile: wrong);
        PrintPages(printer, 5);
        Assert.True(printer.Checker.Count(TimingRule.TooManyDots) > 0 && printer.Checker.Count(TimingRule.SameDotTooSoon) > 0);
        AssertFingerprint("7FB071D86E8A9A9187B43A9114910621E5623FD66340294718C042D7F96768F0", Fingerprint(printer, includeTrace: false));
    }

    [Fact]
    public void Latching_and_shifting_while_strobes_are_on_heats_exactly_the_latched_dots()
    {
        // Hand-driven pins: the dots a block heats change under its strobe (new data latched mid-pulse, and a
        // shift with the latch held low), the case where heating dots are not the latched ones.
        var printer = PrinterRig.Make(Profiles.Seiko());
        var clock = printer.Board.Clock;
        var random = new Random(7);
        var a = new byte[48];
        var b = new byte[48];
        random.NextBytes(a);
        random.NextBytes(b);
        for (int round = 0; round < 3; round++)
        {
            printer.Spi.Write(a, 0, 48);
            clock.Advance(1000);
            printer.Latch.Write(false);
            clock.Advance(1000);
            printer.Latch.Write(true);
            clock.Advance(1000);
            printer.Strobes[0].Pulse(400);
            printer.Strobes[2].Pulse(300);
            clock.Advance(100_000);
            printer.Spi.Write(b, 0, 48);
            printer.Latch.Write(false);
            clock.Advance(50_000);
            printer.Strobes[5].Pulse(200);
            printer.Spi.Write(a, 0, 20);
            clock.Advance(60_000);
            printer.Latch.Write(true);
            clock.Advance(2_000_000);
        }
        printer.Finish();
        Assert.True(printer.Checker.Count(TimingRule.LatchDuringStrobe) > 0);
        AssertFingerprint("CADB32D24128CA5B921C232EC557DA8C0B011156F388134FA88439A7BF553B8E", Fingerprint(printer, includeTrace: false));
    }

    private static void AssertFingerprint(string expected, string actual) =>
        Assert.True(expected == actual, $"the head model's output changed: fingerprint {actual}, expected {expected}");

    private static void PrintPages(VirtualPrinter printer, ulong seed)
    {
        foreach (var line in TestPages.Receipt(printer.Profile.DotsPerLine, 120, seed).Concat(TestPages.Dense(printer.Profile.DotsPerLine, 120, seed)))
        {
            Assert.Equal(PosFirmware.Printing.PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        printer.Finish();
    }

    /// <summary>A SHA-256 over everything the head model leaves behind, for a job.</summary>
    private static string Fingerprint(VirtualPrinter printer, bool includeTrace)
    {
        var text = new StringBuilder();
        var head = printer.Head;
        var paper = printer.Paper;
        text.Append($"{paper.Width}x{paper.Height} firings {paper.Firings} faded {paper.Faded} smears {paper.Smears}\n");
        for (int row = 0; row < paper.Height; row++)
        {
            for (int dot = 0; dot < paper.Width; dot++)
            {
                text.Append(BitConverter.SingleToInt32Bits((float)paper.DarknessAt(row, dot)).ToString("x")).Append(' ');
            }
            text.Append('\n');
        }
        text.Append(Convert.ToHexString(paper.ToGray())).Append('\n');
        var e = head.Energy;
        text.Append(Bits(e.Firings, e.WorstDeviation, e.WorstSigned, e.WorstAtNanos, e.MeanDeviation, e.DeliveredJoules)).Append('\n');
        var r = head.EffectiveEnergy;
        text.Append(Bits(r.Count, r.Min, r.Max, r.Mean)).Append('\n');
        foreach (double c in head.RowCelsius)
        {
            text.Append(BitConverter.DoubleToInt64Bits(c).ToString("x")).Append(' ');
        }
        text.Append('\n');
        long now = printer.Board.Clock.NowNanos;
        text.Append(Bits(head.PeakDotsOn, head.PeakAmps, head.StrobePulses, head.DotsOn, printer.Thermal.HeadCelsiusAt(now), printer.Thermal.JoulesIn,
            printer.Motor.PositionSteps, printer.Motor.MissedSteps, now)).Append('\n');
        foreach (var v in printer.Violations)
        {
            text.Append(v).Append('\n');
        }
        if (includeTrace)
        {
            foreach (var change in printer.Board.Trace.Changes)
            {
                text.Append(change.AtNanos).Append(' ').Append(change.SignalIndex).Append(' ')
                    .Append(BitConverter.DoubleToInt64Bits(change.Value).ToString("x")).Append('\n');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Bits(params double[] values) =>
        string.Join(" ", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x")));
}
