using System.Globalization;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Network;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Payment;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// A scenario file: a YAML mapping with a name, a seed, a duration and a list of steps, each step a mapping
/// with a time ("at: 1.5", "at: end", or for an expectation "before: 10") and one verb. Events: keys, scan,
/// sale, paper, platen, supply, ambient, acquirer, network, power. Expectations: display, journal, ledger, receipt,
/// log, timing. Everything is checked when the file is read; an error names the file and line.
/// See emulator/Scenarios/README.md for the format.
/// </summary>
public sealed class Scenario
{
    /// <summary>Most steps a scenario may hold.</summary>
    public const int MaxSteps = 10_000;

    /// <summary>Longest scenario, in virtual seconds.</summary>
    public const double MaxSeconds = 24 * 3600;

    /// <summary>The file it came from (as given).</summary>
    public string File { get; private init; } = "";

    /// <summary>The scenario's name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The seed of the run.</summary>
    public ulong Seed { get; private set; } = 1;

    /// <summary>Virtual nanoseconds the run lasts.</summary>
    public long DurationNanos { get; private set; }

    /// <summary>The steps, in file order.</summary>
    public List<ScenarioStep> Steps { get; } = new();

    /// <summary>Reads a scenario file; throws ScenarioException naming the file and line on any error.</summary>
    public static Scenario Load(string path) => Parse(System.IO.File.ReadAllText(path), path);

    /// <summary>Parses scenario text; file is used in messages.</summary>
    public static Scenario Parse(string text, string file)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ScenarioException(file, (int)e.Start.Line, "not valid YAML: " + e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these too on some malformed documents (found by the scenario-yaml fuzz target).
            throw new ScenarioException(file, 1, "not valid YAML: " + e.Message);
        }
        if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException(file, 1, "a scenario is one YAML mapping (name, seed, duration, steps)");
        }
        var scenario = new Scenario { File = file, Name = Path.GetFileNameWithoutExtension(file) };
        double? duration = null;
        YamlSequenceNode? steps = null;
        foreach (var (keyNode, value) in root.Children)
        {
            string key = Scalar(file, keyNode);
            switch (key)
            {
                case "name": scenario.Name = Scalar(file, value); break;
                case "seed":
                    scenario.Seed = ulong.TryParse(Scalar(file, value), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
                        ? seed
                        : throw new ScenarioException(file, Line(value), "seed is a whole number");
                    break;
                case "duration": duration = Seconds(file, value); break;
                case "steps":
                    steps = value as YamlSequenceNode ?? throw new ScenarioException(file, Line(value), "steps is a list");
                    break;
                default: throw new ScenarioException(file, Line(keyNode), $"unknown key '{key}' (name, seed, duration, steps)");
            }
        }
        if (steps == null)
        {
            throw new ScenarioException(file, 1, "a scenario needs steps");
        }
        if (steps.Children.Count > MaxSteps)
        {
            throw new ScenarioException(file, Line(steps), $"more than {MaxSteps} steps");
        }
        foreach (var node in steps.Children)
        {
            scenario.Steps.Add(ParseStep(file, node));
        }
        long last = 0;
        foreach (var step in scenario.Steps)
        {
            if (step.AtNanos != ScenarioStep.End)
            {
                last = Math.Max(last, step.AtNanos);
            }
        }
        scenario.DurationNanos = duration is double d ? (long)Math.Round(d * 1e9) : last + 2_000_000_000;
        if (scenario.DurationNanos < last)
        {
            throw new ScenarioException(file, 1, $"duration {scenario.DurationNanos / 1e9:F3} s ends before the last step at {last / 1e9:F3} s");
        }
        return scenario;
    }

    private static ScenarioStep ParseStep(string file, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw new ScenarioException(file, Line(node), "a step is a mapping: at (or before) and one verb");
        }
        int line = Line(node);
        long? at = null;
        bool deadline = false;
        string? verb = null;
        YamlNode? value = null;
        var options = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, v) in map.Children)
        {
            string key = Scalar(file, keyNode);
            if (key is "at" or "before")
            {
                if (at != null)
                {
                    throw new ScenarioException(file, Line(keyNode), "a step has one time: at or before");
                }
                deadline = key == "before";
                at = Scalar(file, v) == "end" && !deadline ? ScenarioStep.End : (long)Math.Round(Seconds(file, v) * 1e9);
            }
            else if (Verbs.Contains(key))
            {
                if (verb != null)
                {
                    throw new ScenarioException(file, Line(keyNode), $"a step has one verb; found {verb} and {key}");
                }
                verb = key;
                value = v;
            }
            else if (key == "every")
            {
                options[key] = v;
            }
            else
            {
                throw new ScenarioException(file, Line(keyNode), $"unknown key '{key}' (at, before, every, {string.Join(", ", Verbs)})");
            }
        }
        if (verb == null || value == null)
        {
            throw new ScenarioException(file, line, $"a step needs a verb ({string.Join(", ", Verbs)})");
        }
        if (at == null)
        {
            throw new ScenarioException(file, line, "a step needs a time: at SECONDS, at end, or before SECONDS");
        }
        bool expectation = Expectations.Contains(verb);
        if (deadline && !expectation)
        {
            throw new ScenarioException(file, line, $"'{verb}' is an event: it happens at a time, not before one");
        }
        try
        {
            return expectation
                ? new ScenarioStep { Line = line, AtNanos = at.Value, IsDeadline = deadline, Verb = verb, Text = Describe(verb, value), Check = ParseExpectation(file, verb, value, at.Value, deadline) }
                : new ScenarioStep { Line = line, AtNanos = at.Value, Verb = verb, Text = Describe(verb, value), Apply = ParseEvent(file, verb, value, options) };
        }
        catch (FormatException e)
        {
            throw new ScenarioException(file, Line(value), e.Message);
        }
    }

    private static readonly string[] Events = { "keys", "scan", "sale", "paper", "platen", "supply", "ambient", "acquirer", "network", "power" };
    private static readonly string[] Expectations = { "display", "journal", "ledger", "receipt", "log", "timing" };
    private static readonly string[] Verbs = Events.Concat(Expectations).ToArray();

    private static Action<ScenarioRun> ParseEvent(string file, string verb, YamlNode value, Dictionary<string, YamlNode> options)
    {
        switch (verb)
        {
            case "keys":
                string keys = Scalar(file, value);
                KeypadModel.ParseScript(keys);
                long gap = options.TryGetValue("every", out var every) ? (long)Math.Round(Seconds(file, every) * 1e9) : 50_000_000;
                return run => run.Rig.Terminal.Keypad.Type(keys, run.NowNanos, gap);
            case "scan":
                string[] words = Scalar(file, value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    throw new FormatException("scan needs a code, noise N, truncated CODE N, dropped CODE N, noread or raw HEX...");
                }
                ScanItem item = DemoScenario.ParseItem(words, 0);
                return run => run.Rig.Terminal.Scanner.PresentAt(run.NowNanos, item);
            case "sale":
                var sale = Mapping(file, value, "amount", "code");
                long amount = Fen(file, Required(sale, "sale", "amount"));
                string code = sale.TryGetValue("code", out var c) ? Scalar(file, c) : "WeChat";
                return run =>
                {
                    string shown = code is "WeChat" or "Alipay" or "UnionPay" ? run.Rig.NewCode(code) : code;
                    run.Rig.Sale(amount, shown);
                };
            case "paper":
                bool paperIn = Choice(file, value, "in", "out");
                return run => { run.PaperIn = paperIn; run.ApplyEnvironment(); };
            case "platen":
                bool open = !Choice(file, value, "closed", "open");
                return run => { run.PlatenOpen = open; run.ApplyEnvironment(); };
            case "supply":
                int millivolts = int.TryParse(Scalar(file, value), NumberStyles.None, CultureInfo.InvariantCulture, out int mv) && mv is > 0 and <= 30_000
                    ? mv
                    : throw new FormatException("supply is millivolts from 1 to 30000");
                return run => { run.SupplyMillivolts = millivolts; run.ApplyEnvironment(); };
            case "ambient":
                double celsius = double.TryParse(Scalar(file, value), NumberStyles.Float, CultureInfo.InvariantCulture, out double c2) && c2 >= -40 && c2 <= 85
                    ? c2
                    : throw new FormatException("ambient is degrees Celsius from -40 to 85");
                return run => { run.AmbientCelsius = celsius; run.ApplyEnvironment(); };
            case "acquirer":
                var faults = new List<AcquirerFault>();
                foreach (string name in value is YamlSequenceNode list ? list.Children.Select(n => Scalar(file, n)) : new[] { Scalar(file, value) })
                {
                    var fault = AcquirerFaults.Parse(name);
                    faults.Add(fault != AcquirerFault.None ? fault : throw new FormatException($"unknown acquirer fault '{name}' ({string.Join(", ", AcquirerFaults.Names)})"));
                }
                return run => faults.ForEach(f => run.Rig.Host.Faults.ForceNext(f));
            case "network":
                var network = ParseNetwork(file, value);
                return run => { run.Network = network; run.ApplyEnvironment(); };
            case "power":
                Choice(file, value, "cut", "cut");
                // The cut lands inside the firmware's next step, wherever it is, as a real one would.
                return run =>
                {
                    var board = run.Rig.Terminal.Board;
                    board.Clock.ScheduleIn(1, () => board.Power.Cut(board.Clock.NowNanos, "scenario power cut"));
                };
            default:
                throw new FormatException($"unknown event '{verb}'");
        }
    }

    private static NetworkFaults ParseNetwork(string file, YamlNode value)
    {
        if (value is YamlScalarNode && Scalar(file, value) == "ok")
        {
            return NetworkFaults.None();
        }
        if (value is YamlScalarNode && Scalar(file, value) == "down")
        {
            return new NetworkFaults { ConnectRefusedProbability = 1, DropProbability = 1 };
        }
        var spec = Mapping(file, value, "drop", "duplicate", "reset", "refuse", "latency");
        var faults = NetworkFaults.None();
        foreach (var (key, node) in spec)
        {
            if (key == "latency")
            {
                faults.LatencyNanos = (long)Math.Round(Seconds(file, node) * 1e9);
                continue;
            }
            double p = double.TryParse(Scalar(file, node), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x >= 0 && x <= 1
                ? x
                : throw new FormatException($"{key} is a chance from 0 to 1");
            switch (key)
            {
                case "drop": faults.DropProbability = p; break;
                case "duplicate": faults.DuplicateProbability = p; break;
                case "reset": faults.ResetProbability = p; break;
                default: faults.ConnectRefusedProbability = p; break;
            }
        }
        return faults;
    }

    private static Func<ScenarioRun, string?> ParseExpectation(string file, string verb, YamlNode value, long at, bool deadline)
    {
        switch (verb)
        {
            case "display":
                string text = Scalar(file, value);
                return deadline
                    ? run => run.Frames().Any(f => f.AtNanos <= at && f.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                        ? null
                        : $"the display never showed \"{text}\"; last frames:\n{string.Join("\n", run.Frames().TakeLast(4))}"
                    : run => run.Rig.Terminal.Display.Lines.Any(l => l.Contains(text, StringComparison.Ordinal))
                        ? null
                        : $"the display shows |{string.Join("|", run.Rig.Terminal.Display.Lines)}|, not \"{text}\"";
            case "journal":
                var journal = Mapping(file, value, "amount", "state", "receipt");
                long jAmount = Fen(file, Required(journal, "journal", "amount"));
                TxnState? state = journal.TryGetValue("state", out var s) ? Enum.TryParse<TxnState>(Scalar(file, s), out var ts) ? ts : throw new FormatException($"unknown journal state '{Scalar(file, s)}' ({string.Join(", ", Enum.GetNames<TxnState>())})") : null;
                ReceiptState? receipt = journal.TryGetValue("receipt", out var r) ? Enum.TryParse<ReceiptState>(Scalar(file, r), out var rs) ? rs : throw new FormatException($"unknown receipt state '{Scalar(file, r)}' ({string.Join(", ", Enum.GetNames<ReceiptState>())})") : null;
                return run =>
                {
                    var record = run.Journal().LastOrDefault(t => t.AmountFen == jAmount);
                    if (record == null)
                    {
                        return $"the journal holds no transaction of {jAmount} fen";
                    }
                    if (state is TxnState st && record.State != st)
                    {
                        return $"the journal's {jAmount} fen transaction is {record.State}, not {st}";
                    }
                    return receipt is ReceiptState rc && record.Receipt != rc ? $"the journal's {jAmount} fen receipt is {record.Receipt}, not {rc}" : null;
                };
            case "ledger":
                var ledger = Mapping(file, value, "amount", "state", "debited", "sales", "settlements", "balanced");
                long? lAmount = ledger.TryGetValue("amount", out var la) ? Fen(file, la) : null;
                string? lState = ledger.TryGetValue("state", out var ls) ? Scalar(file, ls) : null;
                long? debited = ledger.TryGetValue("debited", out var ld) ? Fen(file, ld) : null;
                int? settlements = ledger.TryGetValue("settlements", out var lc) ? (int)Fen(file, lc) : null;
                int? sales = ledger.TryGetValue("sales", out var lsc) ? (int)Fen(file, lsc) : null;
                bool? balanced = ledger.TryGetValue("balanced", out var lb) ? Choice(file, lb, "true", "false") : null;
                if (lAmount == null && (lState != null || debited != null))
                {
                    throw new FormatException("ledger state and debited name a sale by its amount");
                }
                return run => LedgerHolds(run, lAmount, lState, debited, sales, settlements, balanced);
            case "receipt":
                var spec = Mapping(file, value, "qr", "count");
                string? qr = spec.TryGetValue("qr", out var q) ? Scalar(file, q) : null;
                int? count = spec.TryGetValue("count", out var n) ? (int)Fen(file, n) : null;
                return run =>
                {
                    var codes = ReceiptReader.QrCodes(run.Paper());
                    if (qr != null && !codes.Any(v => v.Contains(qr, StringComparison.Ordinal)))
                    {
                        return $"no QR code on the paper holds \"{qr}\"; found: {(codes.Count == 0 ? "none" : string.Join(", ", codes))}";
                    }
                    return count is int k && codes.Count != k ? $"{codes.Count} receipt QR codes on the paper, not {k}" : null;
                };
            case "log":
                string line = Scalar(file, value);
                return run => run.LogLines().Any(l => l.Contains(line, StringComparison.Ordinal))
                    ? null
                    : $"the transaction log has no line with \"{line}\"; last lines:\n{string.Join("\n", run.LogLines().TakeLast(6))}";
            case "timing":
                Choice(file, value, "clean", "clean");
                return run => run.Violations() is { Count: > 0 } v ? $"{v.Count} timing violations, first: {v[0]}" : null;
            default:
                throw new FormatException($"unknown expectation '{verb}'");
        }
    }

    private static string? LedgerHolds(ScenarioRun run, long? amount, string? state, long? debited, int? sales, int? settlements, bool? balanced)
    {
        var snapshot = run.Ledger();
        if (amount is long fen)
        {
            var sale = snapshot.Sales.LastOrDefault(x => x.AmountFen == fen);
            if (sale == null)
            {
                return $"the ledger holds no sale of {fen} fen";
            }
            if (state != null && sale.State != state)
            {
                return $"the ledger's {fen} fen sale is {sale.State}, not {state}";
            }
            if (debited is long d && snapshot.NetDebitFen(sale.Id) != d)
            {
                return $"the ledger's {fen} fen sale is debited {snapshot.NetDebitFen(sale.Id)} fen, not {d}";
            }
        }
        if (sales is int saleCount && snapshot.Sales.Count != saleCount)
        {
            return $"the ledger holds {snapshot.Sales.Count} sales, not {saleCount}";
        }
        if (settlements is int count && snapshot.Settlements.Count != count)
        {
            return $"the ledger holds {snapshot.Settlements.Count} settlements, not {count}";
        }
        if (balanced is bool b && (snapshot.Settlements.Count == 0 || snapshot.Settlements[0].Balanced != b))
        {
            return snapshot.Settlements.Count == 0 ? "the ledger holds no settlement" : $"the first settlement is {(snapshot.Settlements[0].Balanced ? "balanced" : "unbalanced")}";
        }
        return null;
    }

    private static string Describe(string verb, YamlNode value) => verb + ": " + (value switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(kv => $"{kv.Key}: {kv.Value}")) + "}",
        YamlSequenceNode q => "[" + string.Join(", ", q.Children.Select(x => x.ToString())) + "]",
        _ => value.ToString(),
    });

    private static Dictionary<string, YamlNode> Mapping(string file, YamlNode node, params string[] keys)
    {
        if (node is not YamlMappingNode map)
        {
            throw new FormatException($"expected a mapping ({string.Join(", ", keys)})");
        }
        var result = new Dictionary<string, YamlNode>();
        foreach (var (k, v) in map.Children)
        {
            string key = Scalar(file, k);
            if (!keys.Contains(key))
            {
                throw new ScenarioException(file, Line(k), $"unknown key '{key}' ({string.Join(", ", keys)})");
            }
            result[key] = v;
        }
        return result;
    }

    private static YamlNode Required(Dictionary<string, YamlNode> map, string step, string key) =>
        map.TryGetValue(key, out var node) ? node : throw new FormatException($"{step} needs {key}");

    private static bool Choice(string file, YamlNode node, string yes, string no)
    {
        string word = Scalar(file, node);
        return word == yes ? true : word == no ? false : throw new FormatException($"expected {yes}{(yes == no ? "" : " or " + no)}, found '{word}'");
    }

    private static long Fen(string file, YamlNode node) =>
        long.TryParse(Scalar(file, node), NumberStyles.None, CultureInfo.InvariantCulture, out long fen) && fen <= 1_000_000_000_000
            ? fen
            : throw new ScenarioException(file, Line(node), $"'{Scalar(file, node)}' is not a whole number (amounts are in fen)");

    private static double Seconds(string file, YamlNode node)
    {
        string text = Scalar(file, node);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0 && s <= MaxSeconds
            ? s
            : throw new ScenarioException(file, Line(node), $"'{text}' is not a time from 0 to {MaxSeconds} s");
    }

    private static string Scalar(string file, YamlNode node) =>
        node is YamlScalarNode { Value: { } v } ? v : throw new ScenarioException(file, Line(node), "expected a single value");

    private static int Line(YamlNode node) => (int)node.Start.Line;
}
