using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The head model takes a strobe edge through its block alone (<see cref="ThermalHeadModel.StrobeEdgesByBlock"/>):
/// it must give, to the bit, what the whole-head pass gives, whatever the latches, strobes, steps and
/// supply do, latches changed under a strobe and blocks firing together included.
/// </summary>
public class StrobeEdgeTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void Random_latches_strobes_and_steps_give_the_same_head_and_paper_by_block_as_whole(int seed, bool tiedStrobes)
    {
        var byBlock = Drive(seed, byBlock: true, tiedStrobes);
        var whole = Drive(seed, byBlock: false, tiedStrobes);

        Assert.True(whole.Head.Energy.Firings > 2000, $"seed {seed}: {whole.Head.Energy.Firings} firings");
        Assert.True(whole.Paper.Firings > 1000, $"seed {seed}: {whole.Paper.Firings} marks");
        Assert.True(whole.Checker.Count(TimingRule.LatchDuringStrobe) > 5, $"seed {seed}: too few latches under a strobe");
        AssertSame(whole, byBlock, $"seed {seed}");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_driver_printing_pages_gives_the_same_head_and_paper_by_block_as_whole(bool ruleBreaking, bool tiedStrobes)
    {
        var page = TestPages.Receipt(384, 60, 3).Concat(TestPages.Dense(384, 30, 3)).ToArray();
        var byBlock = Print(page, byBlock: true, ruleBreaking, tiedStrobes);
        var whole = Print(page, byBlock: false, ruleBreaking, tiedStrobes);

        Assert.True(whole.Head.Energy.Firings > 1000);
        AssertSame(whole, byBlock, $"rule breaking {ruleBreaking}, tied {tiedStrobes}");
    }

    [Fact]
    public void The_comparison_sees_one_dot_changed()
    {
        // The comparison must be able to disagree: one dot flipped in the lines of the second half is seen.
        var a = Drive(1, byBlock: true, tiedStrobes: false);
        var b = Drive(1, byBlock: true, tiedStrobes: false, extraDot: true);
        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
    }

    private static VirtualPrinter Print(byte[][] page, bool byBlock, bool ruleBreaking, bool tiedStrobes)
    {
        var wrong = Profiles.Seiko(("maxSimultaneousDots", "128"), ("sameDotRestMicros", "0"), ("sameDotMinPeriodMicros", "0"));
        var printer = new VirtualPrinter(new VirtualBoard(1), Profiles.Seiko(), new VirtualPrinterOptions
        {
            StrobeEdgesByBlock = byBlock,
            TiedStrobes = tiedStrobes,
            DriverProfile = ruleBreaking ? wrong : null,
            Driver = new PrintHeadConfig { FixedHeatMicros = ruleBreaking ? PaperPhysicsTests.FixedMicros : 0 },
            SupplyVolts = ruleBreaking ? 8.4 : 7.2,
        });
        PrinterRig.PrintAll(printer, page);
        printer.Finish();
        return printer;
    }

    /// <summary>
    /// Drives the head's pins at random (no driver): lines shifted in, latches (some under a strobe, some
    /// held low while a line shifts in), strobe pulses on random blocks, motor steps, paper, platen, supply
    /// and V_H changes. The same seed gives the same script.
    /// </summary>
    private static VirtualPrinter Drive(int seed, bool byBlock, bool tiedStrobes, bool extraDot = false)
    {
        var profile = Profiles.Seiko();
        var printer = new VirtualPrinter(new VirtualBoard(1), profile, new VirtualPrinterOptions
        {
            BuildDriver = false,
            LatchOnRmt = false,
            StrobeEdgesByBlock = byBlock,
            TiedStrobes = tiedStrobes,
        });
        var clock = printer.Board.Clock;
        var random = new Random(seed);
        var line = new byte[profile.DotsPerLine / 8];
        int phase = 0;
        bool latchLow = false;
        clock.Advance(2_000_000);
        printer.HeadPower.Write(true);
        clock.Advance(2_000_000);
        for (int op = 0; op < 3000; op++)
        {
            int kind = random.Next(100);
            if (kind < 20)
            {
                FillLine(random, line);
                if (extraDot && op > 1000)
                {
                    line[5] ^= 0x10;
                }
                printer.Spi.Write(line, 0, line.Length);
            }
            else if (kind < 32)
            {
                latchLow = !latchLow || random.Next(3) > 0;
                printer.Latch.Write(!latchLow);
                clock.Advance(random.Next(0, 3) * 500);
                if (latchLow && random.Next(4) > 0)
                {
                    latchLow = false;
                    printer.Latch.Write(true);
                }
            }
            else if (kind < 62)
            {
                printer.Strobes[random.Next(printer.Strobes.Length)].Pulse(random.Next(50, 900));
            }
            else if (kind < 84)
            {
                clock.Advance(random.Next(0, 1500) * 1000L + random.Next(1000));
            }
            else if (kind < 97)
            {
                phase = (phase + 1) % profile.ExcitationStates;
                WritePhase(printer, profile, phase);
            }
            else
            {
                switch (random.Next(5))
                {
                    case 0:
                        printer.Head.PaperPresent = !printer.Head.PaperPresent;
                        break;
                    case 1:
                        printer.Head.PlatenOpen = !printer.Head.PlatenOpen;
                        break;
                    case 2:
                        printer.Head.SupplyOpenVolts = 6.4 + random.Next(0, 3) * 0.8;
                        break;
                    case 3:
                        printer.Head.SourceOhms = random.Next(0, 3) * 0.1;
                        break;
                    default:
                        printer.HeadPower.Write(!printer.HeadPower.Level);
                        break;
                }
            }
        }
        printer.Latch.Write(true);
        clock.Advance(10_000_000);
        return printer;
    }

    private static void FillLine(Random random, byte[] line)
    {
        int pattern = random.Next(4);
        for (int i = 0; i < line.Length; i++)
        {
            line[i] = pattern switch
            {
                0 => 0,
                1 => 0xFF,
                2 => (byte)random.Next(256),
                _ => random.Next(3) == 0 ? (byte)0xFF : (byte)0,
            };
        }
    }

    private static void WritePhase(VirtualPrinter printer, MechanismProfile profile, int state)
    {
        int a = profile.ExcitationCoilA[state];
        int b = profile.ExcitationCoilB[state];
        printer.MotorPhases[0].Write(a > 0);
        printer.MotorPhases[1].Write(b > 0);
        printer.MotorPhases[2].Write(a < 0);
        printer.MotorPhases[3].Write(b < 0);
    }

    private static void AssertSame(VirtualPrinter expected, VirtualPrinter actual, string what)
    {
        Assert.Equal(expected.Paper.Height, actual.Paper.Height);
        for (int row = 0; row < expected.Paper.Height; row++)
        {
            for (int dot = 0; dot < expected.Paper.Width; dot++)
            {
                float e = (float)expected.Paper.DarknessAt(row, dot);
                float a = (float)actual.Paper.DarknessAt(row, dot);
                Assert.True(BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a), $"{what}: row {row} dot {dot}: {e} against {a}");
            }
        }
        Assert.Equal(Fingerprint(expected), Fingerprint(actual));
    }

    /// <summary>Everything the head model reports, with every floating-point figure to the bit.</summary>
    private static string Fingerprint(VirtualPrinter printer)
    {
        var head = printer.Head;
        var text = new StringBuilder();
        text.Append($"energy {head.Energy.Firings} {Bits(head.Energy.DeliveredJoules)} {Bits(head.Energy.MeanDeviation)} {Bits(head.Energy.WorstSigned)} {head.Energy.WorstAtNanos}\n");
        text.Append($"effective {head.EffectiveEnergy.Count} {Bits(head.EffectiveEnergy.Mean)} {Bits(head.EffectiveEnergy.Min)} {Bits(head.EffectiveEnergy.Max)}\n");
        text.Append($"dots {head.DotsOn} {head.PeakDotsOn} {Bits(head.PeakAmps)} {head.StrobePulses}\n");
        text.Append($"thermal {Bits(printer.Thermal.JoulesIn)} {Bits(printer.Thermal.HeadCelsiusAt(printer.Board.Clock.NowNanos))}\n");
        text.Append($"paper {printer.Paper.Height} {printer.Paper.Firings} {printer.Paper.Faded} {printer.Paper.Smears}\n");
        foreach (double celsius in head.RowCelsius)
        {
            text.Append(Bits(celsius)).Append(' ');
        }
        text.Append('\n').Append(printer.Checker.Total).Append('\n');
        foreach (var violation in printer.Checker.Violations)
        {
            text.Append(violation).Append('\n');
        }
        return text.ToString();
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
