using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// Power sequencing: the head supply V_H comes on only after the logic supply and has settled before the
/// first strobe, is never switched under a strobe, and is off when the head is idle.
/// </summary>
public class HeadPowerTests
{
    private static readonly byte[][] Page = TestPages.Dense(384, 40, 5);

    private static VirtualPrinter Board(string name, PrintHeadConfig? config = null, int rampMicros = 1000, int logicMicros = 1000, bool stuckOff = false)
    {
        var board = new VirtualBoard(1);
        config ??= new PrintHeadConfig();
        var printer = new VirtualPrinter(board, Profiles.Load(name), new VirtualPrinterOptions
        {
            Driver = config,
            HeadPowerRampMicros = rampMicros,
            LogicToHeadPowerMicros = logicMicros,
            BuildDriver = false,
        });
        var pins = printer.Pins;
        if (stuckOff)
        {
            pins = new PrintHeadPins
            {
                Data = pins.Data, Latch = pins.Latch, Strobes = pins.Strobes, MotorPhases = pins.MotorPhases,
                Thermistor = pins.Thermistor, Supply = pins.Supply, PaperOut = pins.PaperOut, PlatenOpen = pins.PlatenOpen,
                HeadPower = new StuckLow(),
            };
        }
        var driver = new ThermalHeadDriver(Profiles.Load(name), pins, config, board.Clock);
        printer.AttachDriver(() => driver);
        return printer;
    }

    private static VirtualPrinter Print(VirtualPrinter printer)
    {
        foreach (var line in Page)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        printer.Finish();
        return printer;
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void The_driver_powers_the_head_in_order_and_cuts_it_when_idle(string name)
    {
        var printer = Board(name);
        long? on = null;
        long firstStrobe = -1;
        printer.HeadPower.Connect((high, at) => on ??= high ? at : null);
        printer.Strobes[0].Connect((high, at) => firstStrobe = firstStrobe < 0 && high ? at : firstStrobe);
        Assert.False(printer.HeadPower.Level);
        Print(printer);
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        Assert.NotNull(on);
        Assert.True(on >= 1_000_000, $"V_H on at {on} ns, V_dd needs 1 ms first");
        Assert.True(firstStrobe - on >= 1_000_000, "the first strobe waits for V_H to settle");
        Assert.False(printer.HeadPower.Level);
        Assert.False(printer.Driver.HeadPowered);
        Assert.True(printer.Paper.Height > 0);
    }

    [Fact]
    public void Switching_the_head_on_with_the_logic_is_caught_and_waiting_for_it_is_not()
    {
        var wrong = Print(Board("LTPD245C", new PrintHeadConfig { HeadPowerAfterLogicMicros = 0 }, logicMicros: 2000));
        Assert.True(wrong.Checker.Count(TimingRule.HeadPowerSequence) > 0, wrong.Checker.Summary());
        Assert.Contains(wrong.Violations, v => v.Detail.Contains("after V_dd came up"));
        var right = Print(Board("LTPD245C", new PrintHeadConfig { HeadPowerAfterLogicMicros = 2000 }, logicMicros: 2000));
        Assert.True(right.Checker.Total == 0, right.Checker.Summary());
    }

    [Fact]
    public void Strobing_before_the_supply_has_settled_is_caught_and_waiting_for_it_is_not()
    {
        // The JX-2R-01's start step is 2.5 ms: a board whose V_H takes 4 ms needs the driver to wait for it.
        var wrong = Print(Board("JX-2R-01", new PrintHeadConfig { HeadPowerSettleMicros = 1000 }, rampMicros: 4000));
        Assert.True(wrong.Checker.Count(TimingRule.StrobeWithoutHeadPower) > 0, wrong.Checker.Summary());
        var right = Print(Board("JX-2R-01", new PrintHeadConfig { HeadPowerSettleMicros = 4000 }, rampMicros: 4000));
        Assert.True(right.Checker.Total == 0, right.Checker.Summary());
    }

    [Fact]
    public void A_head_supply_that_never_comes_on_is_caught_and_prints_nothing()
    {
        var printer = Print(Board("LTPD245C", stuckOff: true));
        Assert.True(printer.Checker.Count(TimingRule.StrobeWithoutHeadPower) > 0, printer.Checker.Summary());
        Assert.Contains(printer.Violations, v => v.Detail.Contains("V_H off"));
        Assert.Equal(0, printer.Head.Energy.DeliveredJoules);
    }

    [Fact]
    public void Switching_the_head_supply_under_a_strobe_is_caught()
    {
        var board = new VirtualBoard(1);
        var printer = new VirtualPrinter(board, Profiles.Seiko(), new VirtualPrinterOptions { BuildDriver = false });
        board.Clock.DelayMicros(2000);
        printer.HeadPower.Write(true);
        board.Clock.DelayMicros(2000);
        printer.Strobes[0].Pulse(500);
        board.Clock.DelayMicros(100);
        printer.HeadPower.Write(false);
        board.Clock.DelayMicros(1000);
        Assert.Equal(1, printer.Checker.Count(TimingRule.HeadPowerSequence));
        Assert.Contains(printer.Violations, v => v.Detail == "V_H switched off with a strobe on");
        Assert.Equal(0, printer.Checker.Count(TimingRule.StrobeWithoutHeadPower));
    }

    private sealed class StuckLow : IDigitalOutput
    {
        public bool Level => false;

        public void Write(bool high)
        {
        }
    }
}
