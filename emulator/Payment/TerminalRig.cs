using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Terminal;

namespace PosFirmware.Emulator.Payment;

/// <summary>
/// The virtual terminal with the in-process acquirer simulator, across power cuts: a cut anywhere throws
/// out of the firmware, and the rig reboots a new board on what the flash kept, at the same virtual time,
/// on the same acquirer and ledger. Used by the payment tests, the power-cut tests and the soak.
/// </summary>
public sealed class TerminalRig : IDisposable
{
    private readonly ulong _seed;
    private readonly TerminalConfig? _config;
    private int _codes;

    /// <summary>Builds a terminal on a fresh flash and an acquirer with the given rules.</summary>
    public TerminalRig(ulong seed, FlashMode mode = FlashMode.LittleFs, AcquirerConfig? acquirerConfig = null, TerminalConfig? config = null)
    {
        _seed = seed;
        _config = config;
        var first = new VirtualBoard(seed, null, mode);
        Flash = first.Flash;
        Terminal = new VirtualTerminal(seed, Flash, config);
        Acquirer = VirtualAcquirer.Attach(Terminal, acquirerConfig);
    }

    /// <summary>The terminal now running (a new one after each reboot).</summary>
    public VirtualTerminal Terminal { get; private set; }

    /// <summary>The acquirer simulator (kept across the terminal's reboots).</summary>
    public VirtualAcquirer Acquirer { get; private set; }

    /// <summary>The acquirer's message handler and ledger.</summary>
    public AcquirerHost Host => Acquirer.Host;

    /// <summary>The flash, kept across reboots.</summary>
    public FlashFileStore Flash { get; }

    /// <summary>The payment flow of the running firmware.</summary>
    public PaymentFlow Flow => Terminal.App.Payment ?? throw new InvalidOperationException("the firmware has no payment flow");

    /// <summary>Power cuts taken so far.</summary>
    public int PowerCuts { get; private set; }

    /// <summary>Virtual microseconds now.</summary>
    public long NowMicros => Terminal.Board.Clock.NowMicros;

    /// <summary>Every transaction-log line of every boot, oldest first.</summary>
    public List<string> Log { get; } = new();

    /// <summary>Boots the firmware (rebooting on a cut during boot).</summary>
    public void Boot()
    {
        while (true)
        {
            try
            {
                Terminal.App.Boot();
                return;
            }
            catch (PowerLossException)
            {
                Reboot();
            }
        }
    }

    /// <summary>A fresh payment code of a wallet's shape (payment codes are single-use): "WeChat", "Alipay" or "UnionPay".</summary>
    public string NewCode(string scheme = "WeChat")
    {
        _codes++;
        string tail = (_seed % 1000).ToString("D3") + _codes.ToString("D8");
        return scheme switch
        {
            "Alipay" => "28" + tail.PadLeft(16, '0'),
            "UnionPay" => "62" + tail.PadLeft(17, '0'),
            _ => "13" + tail.PadLeft(16, '0'),
        };
    }

    /// <summary>The merchant keys an amount and the customer shows a code, starting now.</summary>
    public void Sale(long amountFen, string code)
    {
        long now = Terminal.Board.Clock.NowNanos;
        // CANCEL first: it dismisses a result still on the screen and does nothing on the idle screen.
        Terminal.Keypad.Type("X" + amountFen.ToString() + "E", now + 1_000_000, 50_000_000);
        Terminal.Scanner.PresentAt(now + 1_000_000, ScanItem.Of(code));
    }

    /// <summary>Keys pressed from now, 50 ms apart (a key script: 0-9 E X B C M U D).</summary>
    public void Keys(string script) => Terminal.Keypad.Type(script, Terminal.Board.Clock.NowNanos + 1_000_000, 50_000_000);

    /// <summary>Runs the firmware until done() or maxSeconds of virtual time pass; a cut reboots it. Returns done().</summary>
    public bool RunUntil(Func<bool> done, double maxSeconds)
    {
        long end = Terminal.Board.Clock.NowNanos + (long)(maxSeconds * 1e9);
        while (!done() && Terminal.Board.Clock.NowNanos < end)
        {
            StepOnce();
        }
        return done();
    }

    /// <summary>Runs the firmware for a span of virtual time (rebooting after cuts).</summary>
    public void RunFor(double seconds) => RunUntil(() => false, seconds);

    /// <summary>One loop pass; a power cut reboots the firmware on what the flash kept.</summary>
    public void StepOnce()
    {
        try
        {
            Terminal.App.Step();
        }
        catch (PowerLossException)
        {
            Reboot();
        }
    }

    /// <summary>Power comes back: a new board on the same flash, at the same virtual time, booted.</summary>
    public void Reboot()
    {
        PowerCuts++;
        CollectLog();
        DeliverInFlight();
        long now = Terminal.Board.Clock.NowNanos;
        Flash.Reboot();
        Terminal = new VirtualTerminal(_seed + (ulong)PowerCuts, Flash, _config);
        Terminal.Board.Clock.Advance(now - Terminal.Board.Clock.NowNanos + 1_000_000);
        Acquirer = new VirtualAcquirer(Terminal.Board.Network, Acquirer.Host);
        Terminal.Board.Network.Register(VirtualTerminal.AcquirerEndpoint, Acquirer);
        Boot();
    }

    /// <summary>How long bytes already on the wire keep travelling after the terminal loses power.</summary>
    public const long InFlightNanos = 2_000_000_000;

    // The power cut stops the terminal, not the network: what it had already sent still reaches the acquirer.
    // The dead board's clock runs on for the longest transit so those deliveries happen; anything that
    // touches the unpowered terminal in that time fails as it would, and is skipped.
    private void DeliverInFlight()
    {
        var clock = Terminal.Board.Clock;
        long until = clock.NowNanos + InFlightNanos;
        for (int i = 0; i < 10_000 && clock.NowNanos < until; i++)
        {
            try
            {
                clock.RunUntil(until);
            }
            catch (PowerLossException)
            {
            }
        }
    }

    /// <summary>Appends this boot's log lines to Log (call before reading Log).</summary>
    public void CollectLog()
    {
        foreach (var (at, text) in Terminal.Log.Lines)
        {
            Log.Add($"{at / 1e6:F3} s {text}");
        }
        Terminal.Log.Clear();
    }

    /// <summary>The journal's record of a trace in the open batch, or null.</summary>
    public TxnRecord? Record(int trace) => Flow.Journal.Find(Flow.Journal.Batch, trace);

    /// <inheritdoc />
    public void Dispose() => Host.Ledger.Dispose();
}
