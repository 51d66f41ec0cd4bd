using System.Globalization;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// A demo scenario: key presses and things shown to the scanner, one step per line. Lines:
/// <code>
/// at 0.5 keys 1234E [every 0.15]   # key script (0-9 E X B C M U D) from 0.5 virtual s
/// present 134567890123456789       # read by the next trigger (continuous mode: sent now)
/// at 2.0 present noise 12          # shown at 2.0 s
/// present truncated CODE N | present dropped CODE N | present noread | present raw FF 00 0D
/// faults 0.3                       # chance of a random fault on each clean read
/// </code>
/// '#' starts a comment. A bad line is an error naming it; nothing is applied from a bad file.
/// </summary>
public sealed class DemoScenario
{
    private readonly List<Action<VirtualTerminal>> _steps = new();

    /// <summary>What the scenario does, one line per step, for the demo's output.</summary>
    public List<string> Description { get; } = new();

    /// <summary>Parses a scenario; throws FormatException naming the line on error.</summary>
    public static DemoScenario Parse(string text)
    {
        var scenario = new DemoScenario();
        string[] lines = text.Replace("\r", "").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }
            string[] words = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            try
            {
                scenario.ParseStep(words);
                scenario.Description.Add(string.Join(" ", words));
            }
            catch (FormatException e)
            {
                throw new FormatException($"scenario line {i + 1}: {e.Message}");
            }
        }
        return scenario;
    }

    /// <summary>Schedules every step on the terminal.</summary>
    public void Apply(VirtualTerminal terminal)
    {
        foreach (var step in _steps)
        {
            step(terminal);
        }
    }

    private void ParseStep(string[] words)
    {
        long? atNanos = null;
        int w = 0;
        if (words[0] == "at")
        {
            atNanos = Nanos(Word(words, 1, "a time in seconds after 'at'"));
            w = 2;
        }
        string verb = Word(words, w, "a step (keys, present, faults)");
        switch (verb)
        {
            case "keys":
                string keys = Word(words, w + 1, "a key script");
                KeypadModel.ParseScript(keys);
                long gap = words.Length > w + 3 && words[w + 2] == "every" ? Nanos(words[w + 3]) : 150_000_000;
                ExpectWords(words, words.Length > w + 3 ? w + 4 : w + 2);
                long start = atNanos ?? 0;
                _steps.Add(t => t.Keypad.Type(keys, Math.Max(start, t.Board.Clock.NowNanos), gap));
                break;
            case "present":
                ScanItem item = ParseItem(words, w + 1);
                _steps.Add(atNanos is long at
                    ? t => t.Scanner.PresentAt(Math.Max(at, t.Board.Clock.NowNanos), item)
                    : t => t.Scanner.Present(item));
                break;
            case "faults":
                bool isNumber = double.TryParse(Word(words, w + 1, "a fault chance from 0 to 1"), NumberStyles.Float, CultureInfo.InvariantCulture, out double chance);
                if (!isNumber || !(chance >= 0 && chance <= 1) || atNanos != null)
                {
                    throw new FormatException("faults takes a chance from 0 to 1 and no time");
                }
                ExpectWords(words, w + 2);
                _steps.Add(t => t.Scanner.RandomFaultChance = chance);
                break;
            default:
                throw new FormatException($"unknown step '{verb}' (keys, present, faults)");
        }
    }

    internal static ScanItem ParseItem(string[] words, int w)
    {
        string what = Word(words, w, "what to present (a code, noise N, truncated CODE N, dropped CODE N, noread, raw HEX...)");
        switch (what)
        {
            case "noise":
                int noiseBytes = Count(Word(words, w + 1, "a byte count"), 1, 4096);
                ExpectWords(words, w + 2);
                return ScanItem.Noise(noiseBytes);
            case "truncated":
                string kept = Word(words, w + 1, "a code");
                int keepBytes = Count(Word(words, w + 2, "bytes to keep"), 0, 4096);
                ExpectWords(words, w + 3);
                return ScanItem.Truncated(kept, keepBytes);
            case "dropped":
                string damaged = Word(words, w + 1, "a code");
                int dropBytes = Count(Word(words, w + 2, "bytes to drop"), 1, 4096);
                ExpectWords(words, w + 3);
                return ScanItem.Dropped(damaged, dropBytes);
            case "noread":
                ExpectWords(words, w + 1);
                return ScanItem.NoRead();
            case "raw":
                if (words.Length == w + 1)
                {
                    throw new FormatException("raw needs hex bytes");
                }
                return ScanItem.Raw(words.Skip(w + 1).Select(h => h.Length == 2 && byte.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b)
                    ? b
                    : throw new FormatException($"'{h}' is not a hex byte")).ToArray());
            default:
                ExpectWords(words, w + 1);
                if (what.Any(c => c < 0x21 || c > 0x7E))
                {
                    throw new FormatException("a code is printable ASCII");
                }
                return ScanItem.Of(what);
        }
    }

    private static string Word(string[] words, int index, string expected) =>
        index < words.Length ? words[index] : throw new FormatException($"expected {expected}");

    private static void ExpectWords(string[] words, int count)
    {
        if (words.Length != count)
        {
            throw new FormatException($"expected {count} words, found {words.Length}");
        }
    }

    private static long Nanos(string seconds)
    {
        if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !(s >= 0 && s <= 3600))
        {
            throw new FormatException($"'{seconds}' is not a time from 0 to 3600 s");
        }
        return (long)Math.Round(s * 1e9);
    }

    private static int Count(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new FormatException($"'{text}' is not a count from {min} to {max}");
}
