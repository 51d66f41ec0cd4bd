using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Payment;

namespace PosFirmware.Emulator.Payment;

/// <summary>
/// A short day in a shop, scripted on the virtual terminal: the firmware signs in by itself, then the
/// merchant keys four sales (one approved and printed; one whose answer is lost and gets reversed; one
/// the customer confirms on the phone; one whose receipt runs out of paper mid-print and finishes once
/// paper is loaded), reprints the last receipt and settles. Codes are drawn from the seed. Faults the
/// in-process acquirer can be told about are forced on it; over real TCP they are left out.
/// </summary>
public sealed class ShopDay
{
    private readonly VirtualTerminal _terminal;
    private readonly VirtualAcquirer? _acquirer;
    private readonly List<string> _script = new();
    private bool _paperPulled;
    private int _approvedSeen;

    /// <summary>Virtual seconds the day takes (the demo's default run length).</summary>
    public const double LengthSeconds = 120;

    /// <summary>The sale that runs out of paper: the third approved sale of the day.</summary>
    private const int PaperOutOnApproval = 3;

    /// <summary>Seconds after that approval when the paper runs out, and how long it stays out.</summary>
    private const double PaperOutAfterSeconds = 0.6;
    private const double PaperOutForSeconds = 6;

    /// <summary>Schedules the day on a terminal (and, in process, on its acquirer).</summary>
    public ShopDay(VirtualTerminal terminal, VirtualAcquirer? acquirer)
    {
        _terminal = terminal;
        _acquirer = acquirer;
        var random = terminal.Board.Random.Fork("shop-day");
        string wechat = Code(random, 18, 10, 15);
        string alipay = Code(random, 18, 25, 30);
        string payingWeChat = Code(random, 18, 10, 15);
        string unionPay = Code(random, 19, 62, 62);

        Sale(1.0, "1234", "6901234567892", wechat, "sale 1: CNY 12.34, a product barcode is refused, then a WeChat code: approved, two copies printed");
        if (_acquirer != null)
        {
            _terminal.Board.Clock.ScheduleAt(Nanos(11.9), () => _acquirer.Host.Faults.ForceNext(AcquirerFault.DropResponse));
            Sale(12.0, "2500", null, alipay, "sale 2: CNY 25.00, Alipay; the acquirer's answer is lost: no answer in 30 s, reversed");
        }
        else
        {
            Sale(12.0, "2500", null, alipay, "sale 2: CNY 25.00, Alipay (over TCP: no fault forced)");
        }
        Sale(50.0, "6688", null, payingWeChat, "sale 3: CNY 66.88, WeChat; the customer confirms on the phone (user paying), paid after 10 s");
        Sale(72.0, "3500", null, unionPay, "sale 4: CNY 35.00, UnionPay; paper runs out mid-receipt, loaded 6 s later, the receipt finishes");
        Keys(95.0, "M1", "menu 1: reprint last");
        Keys(100.0, "M3", "menu 3: settlement (0500), slip printed, new batch");
    }

    /// <summary>What the day does, one line per step.</summary>
    public IReadOnlyList<string> Script => _script;

    /// <summary>Called after each loop pass: reacts to what the firmware just did (paper out during a receipt).</summary>
    public void Watch()
    {
        if (_paperPulled)
        {
            return;
        }
        int approved = _terminal.App.Payment?.SalesApproved ?? 0;
        if (approved == _approvedSeen)
        {
            return;
        }
        _approvedSeen = approved;
        if (approved == PaperOutOnApproval)
        {
            // The receipt starts on the next pass; the roll runs out part-way through it.
            long now = _terminal.Board.Clock.NowNanos;
            _terminal.Printer.LoadPaperAt(now + Nanos(PaperOutAfterSeconds), false);
            _terminal.Printer.LoadPaperAt(now + Nanos(PaperOutAfterSeconds + PaperOutForSeconds), true);
            _paperPulled = true;
        }
    }

    private void Sale(double atSeconds, string amountKeys, string? refused, string code, string what)
    {
        _terminal.Keypad.Type(amountKeys + "E", Nanos(atSeconds), 150_000_000);
        if (refused != null)
        {
            _terminal.Scanner.PresentAt(Nanos(atSeconds), ScanItem.Of(refused));
        }
        _terminal.Scanner.PresentAt(Nanos(atSeconds), ScanItem.Of(code));
        _script.Add($"{atSeconds,6:F1} s  {what} (code {code})");
    }

    private void Keys(double atSeconds, string keys, string what)
    {
        _terminal.Keypad.Type(keys, Nanos(atSeconds), 300_000_000);
        _script.Add($"{atSeconds,6:F1} s  {what}");
    }

    private static string Code(SimRandom random, int digits, int prefixLow, int prefixHigh)
    {
        string prefix = (prefixLow + random.Next(prefixHigh - prefixLow + 1)).ToString();
        var chars = new char[digits - prefix.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }
        return prefix + new string(chars);
    }

    private static long Nanos(double seconds) => (long)(seconds * 1e9);
}
