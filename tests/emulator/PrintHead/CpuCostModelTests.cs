using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>The device CPU's cost model charges the driver's work in virtual time and says how much of each line it takes.</summary>
public class CpuCostModelTests
{
    private static readonly byte[][] Page = TestPages.Receipt(384, 120, 2);

    private static (double Seconds, VirtualPrinter Printer) Run(CpuCosts costs)
    {
        var run = PrintHeadBench.PrintPage(Profiles.Seiko(), Page, 1, new PrintHeadBenchOptions().Conditions(dynamic: true, holdHead: false, costs));
        return (run.Seconds, run.Printer);
    }

    [Fact]
    public void With_the_esp32_costs_the_same_page_takes_longer_and_every_line_has_a_cpu_share()
    {
        var free = Run(CpuCosts.None);
        Assert.Null(free.Printer.Cpu);
        var device = Run(CpuCosts.Esp32Nano);
        Assert.NotNull(device.Printer.Cpu);
        Assert.True(device.Seconds > free.Seconds, $"{device.Seconds} s with the CPU model, {free.Seconds} s without");
        Assert.True(device.Printer.Cpu!.ChargedMicros > Page.Length * 100);
        Assert.Equal(Page.Length - 1, device.Printer.Cpu.LineShare.Count);
        Assert.InRange(device.Printer.Cpu.LineShare.Mean, 0.01, 1.0);
        // Still under its honest limit: CPU time can only slow the print.
        double mm = Page.Length * 0.125;
        double limit = PhysicalLimit.MillimetresPerSecond(Profiles.Seiko(), Page, LimitConditions.OfRun(device.Printer, Page.Length), true);
        Assert.True(mm / device.Seconds <= limit);
    }

    [Fact]
    public void An_rmt_send_is_charged_two_calls_and_the_item_halves_it_rewrites()
    {
        var board = new VirtualBoard(1);
        var model = new CpuCostModel(board.Clock, CpuCosts.Esp32Nano);
        var latch = board.OutputPin("t", "LAT", initial: true);
        var pins = model.Wrap(new PrintHeadPins
        {
            Strobes = new IPulseOutput[] { board.PulseOutput("t", "STB") },
            MotorPhases = new PinByPinPort(new IDigitalOutput[0]),
            LatchPulse = board.PulseOn(latch),
        });
        double Charged(Action send)
        {
            double before = model.ChargedMicros;
            send();
            board.Clock.Advance(1_000_000);
            return model.ChargedMicros - before;
        }
        var c = CpuCosts.Esp32Nano;
        double calls = 2 * c.AdapterCallMicros;
        double half = 2 * c.ByteIterationMicros;
        // A pulse now: its width half when the width changes, else nothing rewritten.
        Assert.Equal(calls + half, Charged(() => pins.Strobes[0].Pulse(100)));
        Assert.Equal(calls, Charged(() => pins.Strobes[0].Pulse(100)));
        // A pulse sent ahead: its lead always, its width when it changes.
        Assert.Equal(calls + 2 * half, Charged(() => pins.Strobes[0].PulseAt(board.Clock.NowMicros + 50, 120)));
        Assert.Equal(calls + half, Charged(() => pins.Strobes[0].PulseAt(board.Clock.NowMicros + 50, 120)));
        // The latch's sends the same, on the latch's path item, and no heat.
        double heatBefore = model.Path.MeanMicros(PathItem.Heat);
        Assert.Equal(calls + 2 * half, Charged(() => pins.LatchPulse.PulseAt(board.Clock.NowMicros + 50, 1)));
        Assert.Equal(calls + half, Charged(() => pins.LatchPulse.PulseAt(board.Clock.NowMicros + 50, 1)));
        Assert.Equal(heatBefore, model.Path.MeanMicros(PathItem.Heat));
    }

    [Fact]
    public void Costs_are_settable_and_scale_the_charge()
    {
        var cheap = new CpuCosts { Name = "cheap", AdapterCallMicros = 1 };
        var dear = new CpuCosts { Name = "dear", AdapterCallMicros = 4 };
        double a = Run(cheap).Printer.Cpu!.ChargedMicros;
        double b = Run(dear).Printer.Cpu!.ChargedMicros;
        Assert.InRange(b / a, 3.9, 4.1);
        Assert.Null(CpuCosts.Named("esp8266"));
        Assert.True(CpuCosts.Named("none")!.IsFree);
    }

    [Fact]
    public void Work_done_while_the_hardware_times_a_strobe_or_a_step_overlaps_it()
    {
        var free = Run(CpuCosts.None);
        var device = Run(CpuCosts.Esp32Nano);
        double slowerMicros = (device.Seconds - free.Seconds) * 1e6;
        double charged = device.Printer.Cpu!.ChargedMicros;
        // Some of the CPU's time slows the page, but much of it runs under strobes and step intervals.
        Assert.True(slowerMicros > 0);
        Assert.True(slowerMicros < 0.8 * charged, $"{slowerMicros:F0} us slower for {charged:F0} us charged");
        Assert.True(device.Printer.Checker.Total == 0, device.Printer.Checker.Summary());
    }

    [Fact]
    public void A_step_is_charged_one_call_for_the_one_input_it_changes_and_its_writes_land_at_one_instant()
    {
        var device = Run(CpuCosts.Esp32Nano);
        var path = device.Printer.Cpu!.Path;
        var motorPerLine = Enumerable.Range(0, path.LineCount).Select(i => path.CpuOfLine(i)[(int)PathItem.CpuMotor]).OrderBy(m => m).ToArray();
        // LTPD245C: four steps a dot line, 1-2 phase excitation: one input, one 12 us call, per step (all four
        // inputs written would be 192 us a line).
        Assert.Equal(4 * CpuCosts.Esp32Nano.AdapterCallMicros, motorPerLine[motorPerLine.Length / 2], 3);
        // Writes held and made at one instant: the motor model never sees a half-written state.
        Assert.Equal(0, device.Printer.Checker.Count(TimingRule.MotorPhaseInvalid));
        Assert.True(device.Printer.Checker.Total == 0, device.Printer.Checker.Summary());
    }

    [Fact]
    public void With_strobe_calls_that_take_time_the_same_dot_period_counts_from_a_pass_s_last_rise()
    {
        // JX-2R-01 (1.25 ms same-dot period) on the bench's receipt page: each strobe call's pulse rises as the
        // call ends, so a pass's blocks rise up to tens of us apart; the next firing of the same dots waits
        // for the period from the last of them.
        var profile = Profiles.Jingxin();
        var page = TestPages.Receipt(profile.DotsPerLine, PrintHeadBench.PageLines, 1);
        var run = PrintHeadBench.PrintPage(profile, page, 1, new PrintHeadBenchOptions().Conditions(dynamic: true, holdHead: false, CpuCosts.Esp32Nano));
        Assert.Equal(0, run.Printer.Checker.Count(TimingRule.SameDotTooSoon));
        Assert.True(run.Printer.Checker.Total == 0, run.Printer.Checker.Summary());
    }
}
