using System.CommandLine;
using System.Diagnostics;
using PosFirmware.Crypto;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu iso8583 decode|mac|fuzz`: tools for people integrating with a real acquirer. Nothing here
/// prints key material: mac prints the MAC only, decode masks sensitive fields.
/// </summary>
public static class Iso8583Command
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("iso8583", "Decode ISO 8583 messages, compute MACs, fuzz the parser");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreateMac());
        command.Subcommands.Add(CreateFuzz());
        return command;
    }

    private static Command CreateDecode()
    {
        var hex = new Argument<string>("hex") { Description = "the message as hex (spaces allowed)" };
        var layout = new Option<string>("--layout") { Description = "auto, frame (length+TPDU+header+body), envelope (TPDU+header+body) or body", DefaultValueFactory = _ => "auto" };
        var headerBytes = new Option<int>("--header-bytes") { Description = "header length after the TPDU", DefaultValueFactory = _ => 6 };
        var fields = new Option<string?>("--fields") { Description = "field-table file (default: the shipped " + FieldTables.DefaultFile + ")" };
        var command = new Command("decode", "Print a message's fields (CUP POS field table, or --fields FILE)") { hex, layout, headerBytes, fields };
        command.SetAction(parse => Decode(parse.GetValue(hex)!, parse.GetValue(layout)!, parse.GetValue(headerBytes), parse.GetValue(fields), Console.Out));
        return command;
    }

    /// <summary>Runs decode with the shipped field table; returns the exit code.</summary>
    public static int Decode(string hex, string layoutName, int headerBytes, TextWriter output) => Decode(hex, layoutName, headerBytes, null, output);

    /// <summary>Runs decode with the field table in fieldsPath (null: the shipped one); returns the exit code.</summary>
    public static int Decode(string hex, string layoutName, int headerBytes, string? fieldsPath, TextWriter output)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            output.WriteLine("error: the message is not hex (an even number of 0-9/A-F digits)");
            return 2;
        }
        if (!Enum.TryParse<MessageLayout>(layoutName, ignoreCase: true, out var layout))
        {
            output.WriteLine("error: --layout must be auto, frame, envelope or body");
            return 2;
        }
        if (headerBytes is < 0 or > FrameFormat.MaxHeaderBytes)
        {
            output.WriteLine($"error: --header-bytes must be 0..{FrameFormat.MaxHeaderBytes}");
            return 2;
        }
        var table = FieldTables.Load(fieldsPath, out string? tableError);
        if (table == null)
        {
            output.WriteLine("error: " + tableError);
            return 2;
        }
        var (lines, ok) = MessageFormatter.Decode(bytes, layout, headerBytes, table);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
        return ok ? 0 : 1;
    }

    private static Command CreateMac()
    {
        var scheme = new Option<string>("--scheme") { Description = "cup-ecb or x919", Required = true };
        var key = new Option<string>("--key") { Description = "MAC key, hex (8/16/24 bytes for cup-ecb, 8/16 for x919)", Required = true };
        var data = new Option<string>("--data") { Description = "the MAC block, hex", Required = true };
        var command = new Command("mac", "Compute a field-64 MAC (prints the MAC only)") { scheme, key, data };
        command.SetAction(parse => Mac(parse.GetValue(scheme)!, parse.GetValue(key)!, parse.GetValue(data)!, Console.Out));
        return command;
    }

    /// <summary>Runs mac; returns the exit code. Error messages never repeat the key.</summary>
    public static int Mac(string schemeName, string keyHex, string dataHex, TextWriter output)
    {
        int scheme = schemeName switch { "cup-ecb" => MacScheme.CupEcb, "x919" => MacScheme.X919, _ => 0 };
        if (scheme == 0)
        {
            output.WriteLine("error: --scheme must be cup-ecb or x919");
            return 2;
        }
        byte[] key;
        byte[] data;
        try
        {
            key = Convert.FromHexString(keyHex);
        }
        catch (FormatException)
        {
            output.WriteLine("error: --key is not hex");
            return 2;
        }
        try
        {
            data = Convert.FromHexString(string.Concat(dataHex.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            output.WriteLine("error: --data is not hex");
            return 2;
        }
        var mac = new MacCalculator();
        if (!mac.SetKey(scheme, key, 0, key.Length))
        {
            output.WriteLine($"error: a {key.Length}-byte key does not fit {schemeName} (cup-ecb: 8, 16 or 24 bytes; x919: 8 or 16)");
            return 2;
        }
        var result = new byte[MacCalculator.MacBytes];
        mac.Compute(data, 0, data.Length, result, 0);
        mac.Clear();
        // CUP ECB's field 64 is 8 ASCII hex characters; X9.19's is 8 binary bytes, shown as hex.
        output.WriteLine(scheme == MacScheme.CupEcb ? System.Text.Encoding.ASCII.GetString(result) : Convert.ToHexString(result));
        return 0;
    }

    private static Command CreateFuzz()
    {
        var seconds = new Option<double>("--seconds") { Description = "wall seconds to run", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "seed (a failure names the seed and iteration)", DefaultValueFactory = _ => 1 };
        var command = new Command("fuzz", "Fuzz the ISO 8583 parser with random and mutated messages") { seconds, seed };
        command.SetAction(parse => Fuzz(parse.GetValue(seconds), parse.GetValue(seed), Console.Out));
        return command;
    }

    /// <summary>Runs the fuzzer for a wall-time budget; returns the exit code.</summary>
    public static int Fuzz(double seconds, ulong seed, TextWriter output)
    {
        output.WriteLine($"seed={seed}");
        if (!(seconds > 0 && seconds <= 86400))
        {
            output.WriteLine("error: --seconds must be in (0, 86400]");
            return 2;
        }
        var fuzzer = new Iso8583Fuzzer(seed);
        var watch = Stopwatch.StartNew();
        string? failure = null;
        while (failure == null && watch.Elapsed.TotalSeconds < seconds)
        {
            failure = fuzzer.Run(10_000);
        }
        output.WriteLine($"iterations={fuzzer.Iterations} accepted={fuzzer.Accepted} rejected={fuzzer.Iterations - fuzzer.Accepted} in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var (status, count) in fuzzer.RejectedByStatus)
        {
            output.WriteLine($"  {CodecStatusText.Describe(status)}: {count}");
        }
        if (failure != null)
        {
            output.WriteLine(failure);
            return 1;
        }
        return 0;
    }
}
