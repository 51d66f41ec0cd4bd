using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Hal;
using PosFirmware.Operator;
using PosFirmware.Payment;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

/// <summary>
/// The main loop's idle sleep: an idle terminal sleeps from one due time to the next instead of passing
/// every loop period, an input event ends a sleep at once, and timers still fire when they are due.
/// </summary>
public class TerminalIdleSleepTests
{
    // A terminal on the acquirer simulator, booted with the idle wait idle picks (the board's, another, or none).
    private static VirtualTerminal Booted(ulong seed, Func<VirtualTerminal, IIdleWait?> idle)
    {
        var terminal = new VirtualTerminal(seed);
        VirtualAcquirer.Attach(terminal);
        terminal.Hardware.Idle = idle(terminal);
        terminal.App.Boot();
        return terminal;
    }

    [Fact]
    public void An_idle_terminal_wakes_for_its_heartbeat_not_every_loop_period()
    {
        var sleeping = Booted(41, t => t.Board.Idle);
        var polling = Booted(41, _ => null);
        sleeping.App.RunFor(60_000_000);
        polling.App.RunFor(60_000_000);

        // The same heartbeat either way: on at boot, then a toggle every 250 ms.
        Assert.Equal(polling.StatusLed.EdgeCount, sleeping.StatusLed.EdgeCount);
        Assert.InRange(sleeping.StatusLed.EdgeCount, 240, 242);
        Assert.True(polling.App.Passes > 50_000, $"a loop without an idle wait passes every period: {polling.App.Passes}");
        Assert.True(sleeping.App.Passes < 300, $"an idle minute took {sleeping.App.Passes} passes");
    }

    [Fact]
    public void A_key_pressed_during_a_long_sleep_is_handled_within_one_loop_period()
    {
        var terminal = Booted(42, t => t.Board.Idle);
        terminal.App.RunFor(5_000_000);
        var (pressAt, handledAt, sleptFrom) = PressAndWatch(terminal);

        Assert.InRange(handledAt, pressAt, pressAt + terminal.Config.LoopPeriodMicros * 1000L);
        Assert.True(pressAt - sleptFrom > 100_000_000, "the key came in the middle of a long sleep");
        Assert.True(terminal.App.EventWakes > 0);
    }

    [Fact]
    public void A_wait_deaf_to_input_events_would_answer_the_key_only_at_the_next_heartbeat()
    {
        // The measure above can fail: an idle wait that no input signals sleeps through the key.
        var terminal = Booted(42, t => new VirtualIdleWait(t.Board.Clock, new WakeSignal()));
        terminal.App.RunFor(5_000_000);
        var (pressAt, handledAt, _) = PressAndWatch(terminal);

        Assert.True(handledAt - pressAt > 100_000_000, $"handled {(handledAt - pressAt) / 1e6:F3} ms after the press");
    }

    // Presses a digit between two heartbeats and steps until the console leaves its idle screen; returns the
    // press time, the start of the pass that handled it and the start of the pass before (all nanoseconds).
    private static (long PressAt, long HandledAt, long SleptFrom) PressAndWatch(VirtualTerminal terminal)
    {
        var clock = terminal.Board.Clock;
        Assert.Equal(ConsoleScreen.Idle, terminal.App.Console.Screen);
        long pressAt = clock.NowNanos + 123_456_789;
        terminal.Keypad.PressAt(pressAt, KeyCode.Digit7);
        long passStart = clock.NowNanos;
        long previousStart = passStart;
        for (int i = 0; i < 10_000 && terminal.App.Console.Screen == ConsoleScreen.Idle; i++)
        {
            previousStart = passStart;
            passStart = clock.NowNanos;
            terminal.App.Step();
        }
        Assert.NotEqual(ConsoleScreen.Idle, terminal.App.Console.Screen);
        return (pressAt, passStart, previousStart);
    }

    [Fact]
    public void A_sale_timeout_fires_on_time_while_the_loop_sleeps_through_the_wait()
    {
        var rig = new TerminalRig(43);
        rig.Boot();
        Assert.True(rig.RunUntil(() => rig.Flow.SignedIn, 5), "signs in at boot");
        rig.Host.Faults.ForceNext(AcquirerFault.DropResponse);
        rig.Sale(2500, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Job == FlowJob.Sale, 5), "the sale is sent");
        long passesAtSend = rig.Terminal.App.Passes;
        Assert.True(rig.RunUntil(() => rig.Flow.Journal.At(rig.Flow.Journal.Count - 1).State != TxnState.Prepared, 40), "the sale times out");
        long passesInWait = rig.Terminal.App.Passes - passesAtSend;

        var lines = rig.Terminal.Log.Lines;
        long sentAt = lines.Single(l => l.Text.Contains(" sent: 2500 fen", StringComparison.Ordinal)).AtMicros;
        long armedAt = lines.Single(l => l.Text.Contains("reversal armed, reason 98", StringComparison.Ordinal)).AtMicros;
        long timeout = rig.Terminal.Config.Payment.SaleTimeoutMicros;
        Assert.InRange(armedAt - sentAt, timeout, timeout + 2 * rig.Terminal.Config.LoopPeriodMicros);
        // 30 s of waiting for an answer: woken by the heartbeat, not every loop period (15,000 passes before).
        Assert.True(passesInWait < 200, $"{passesInWait} passes while the sale waited");
    }

    [Fact]
    public void A_sleeping_loop_shows_what_a_polling_loop_shows_at_the_same_times()
    {
        // The timers the loop sleeps to: the scan window (20 s, then no read), the trigger repeat (3 s), the
        // result's hold (5 s), the print, and a phone shown late in a second window.
        DisplayFrame[] Day(Func<VirtualTerminal, IIdleWait?> idle, out VirtualTerminal terminal)
        {
            terminal = Booted(44, idle);
            long t0 = terminal.Board.Clock.NowNanos;
            terminal.Keypad.Type("500E", t0 + 1_000_000_000, 50_000_000);
            terminal.App.RunFor(30_000_000);
            terminal.Keypad.Type("E", terminal.Board.Clock.NowNanos + 500_000_000, 50_000_000);
            terminal.Scanner.PresentAt(terminal.Board.Clock.NowNanos + 7_000_000_000, ScanItem.Of("134567890123456789"));
            terminal.App.RunFor(30_000_000);
            return terminal.Display.History.ToArray();
        }
        var sleeping = Day(t => t.Board.Idle, out var sleeper);
        var polling = Day(_ => null, out var poller);

        Assert.True(sleeper.Display.EverShowed("APPROVED"), sleeper.Display.HistoryText());
        Assert.Equal(poller.Scanner.TriggersReceived, sleeper.Scanner.TriggersReceived);
        Assert.Equal(polling.Select(f => string.Join("|", f.Lines)), sleeping.Select(f => string.Join("|", f.Lines)));
        for (int i = 0; i < sleeping.Length; i++)
        {
            // Within a few loop periods (1.8 ms at most here): the polling loop meets each due time on its next tick.
            Assert.InRange(sleeping[i].AtNanos - polling[i].AtNanos, -5_000_000, 5_000_000);
        }
        Assert.True(sleeper.App.Passes * 20 < poller.App.Passes, $"{sleeper.App.Passes} passes against {poller.App.Passes}");
    }
}
