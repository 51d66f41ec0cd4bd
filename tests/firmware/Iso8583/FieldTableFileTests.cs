using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;
using PosFirmware.Terminal;
using PosFirmware.Tests.Drivers.Scanner;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

/// <summary>The field table as a data file: the shipped file, the parser's refusals, the loader on the terminal's flash.</summary>
public class FieldTableFileTests
{
    private static string ShippedPath => Path.Combine(GoldenImage.RepositoryRoot(), "firmware", "Iso8583", "Tables", "cup-pos.fields");

    private static FieldTable? Parse(string text, out string? error)
    {
        var parser = new FieldTableParser();
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        parser.TryParse(bytes, 0, bytes.Length, out FieldTable table);
        error = parser.Message;
        return table;
    }

    private static List<string> Differences(FieldTable a, FieldTable b)
    {
        var differences = new List<string>();
        for (int field = 2; field <= FieldTable.MaxField; field++)
        {
            FieldSpec? x = a.Get(field), y = b.Get(field);
            string Show(FieldSpec? s) => s == null ? "absent" : $"{FieldFormat.Name(s.Format)} {s.MaxLength} {(s.Sensitive ? "sensitive " : "")}{s.Name}";
            if (Show(x) != Show(y))
            {
                differences.Add($"F{field}: {Show(x)} / {Show(y)}");
            }
        }
        return differences;
    }

    [Fact]
    public void TheShippedFileIsTheBuiltInCupTableFieldForField()
    {
        var fromFile = Parse(File.ReadAllText(ShippedPath), out string? error);
        Assert.True(fromFile != null, error);
        Assert.Empty(Differences(fromFile, CupFieldTable.Create()));
        Assert.Empty(Differences(FieldTables.Default(), CupFieldTable.Create()));
        // The comparison sees a one-digit change.
        var changed = Parse(File.ReadAllText(ShippedPath).Replace("4 = n 12 amount", "4 = n 11 amount"), out _)!;
        Assert.Equal(["F4: n 11 amount, transaction (fen) / n 12 amount, transaction (fen)"], Differences(changed, CupFieldTable.Create()));
    }

    [Theory]
    [InlineData("4 = n 12", "line 1, key 4: field 4: a length and a name must follow the format")]
    [InlineData("4 = q 12 amount", "line 1, key 4: field 4: format 'q' is not one of")]
    [InlineData("4 = n..LL 100 amount", "line 1, key 4: field 4: length '100' must be 1..99 for n..LL")]
    [InlineData("4 = n 0 amount", "must be 1..999")]
    [InlineData("65 = b 8 tertiary", "line 1, key 65: unknown key")]
    [InlineData("1 = b 8 bitmap", "key 1: unknown key")]
    [InlineData("# only a comment\n4 = n 12 amount\n4 = n 12 again", "line 3, key 4: given twice")]
    [InlineData("4 n 12 amount", "line 1: expected key = value")]
    [InlineData("4 = n 12 sensitive", "a name must follow the length")]
    [InlineData("# nothing\n", "no fields")]
    [InlineData("4 = n 12 am\u00e9ount", "not ASCII text")]
    public void ABadLineRefusesTheWholeFileSayingWhereAndWhy(string text, string expected)
    {
        Assert.Null(Parse(text, out string? error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void SensitiveIsAWordNotAPrefixOfTheName()
    {
        var table = Parse("47 = ans...LLL 999 sensitivity notes\n48 = ans...LLL 10 sensitive  keys", out _)!;
        Assert.False(table.Get(47)!.Sensitive);
        Assert.Equal("sensitivity notes", table.Get(47)!.Name);
        Assert.True(table.Get(48)!.Sensitive);
        Assert.Equal("keys", table.Get(48)!.Name);
    }

    [Fact]
    public void TheFirmwareLoadsTheTableFromTheVirtualTerminalsFlashAndItSpeaksCup()
    {
        var terminal = new VirtualTerminal(1);
        var config = terminal.Config;
        var loader = new FieldTableLoader(terminal.Board.Flash, config.MaxFieldTableBytes);
        Assert.True(loader.TryLoad(config.FieldTableFile, out FieldTable table), loader.Message);
        Assert.Empty(Differences(table, CupFieldTable.Create()));
        var sale = new Iso8583Message(table);
        var code = "134567890123456789"u8.ToArray();
        Assert.Equal(CodecStatus.Ok, new CupMessages(new CupDialect()).Sale(sale, 2, 1, "TERM0001", "898310048990001", 1234, code, 0, code.Length));
        var buffer = new byte[512];
        Assert.True(new Iso8583Codec(table).TryPack(sale, buffer, 0, buffer.Length, out int bytes));
        var cup = CupFieldTable.Create();
        var parsed = new Iso8583Message(cup);
        Assert.Equal(CodecStatus.Ok, new Iso8583Codec(cup).Unpack(buffer, 0, bytes, parsed));
        Assert.True(parsed.TryGetNumber(4, out long amount));
        Assert.Equal(1234, amount);
    }

    [Fact]
    public void AMissingOversizedOrDamagedFileIsAnErrorNotACrash()
    {
        var terminal = new VirtualTerminal(1);
        var config = terminal.Config;
        var flash = terminal.Board.Flash;
        var absent = new FieldTableLoader(flash, config.MaxFieldTableBytes);
        Assert.False(absent.TryLoad("absent.fields", out _));
        Assert.Equal("absent.fields is missing", absent.Message);
        var small = new FieldTableLoader(flash, 100);
        Assert.False(small.TryLoad(config.FieldTableFile, out _));
        Assert.Contains("larger than 100", small.Message);
        var image = flash.Snapshot();
        image[config.FieldTableFile] = "4 = n 12 amount\n39 = ans two response code\n"u8.ToArray();
        flash.Load(image);
        var loader = new FieldTableLoader(flash, config.MaxFieldTableBytes);
        Assert.False(loader.TryLoad(config.FieldTableFile, out _));
        Assert.Equal("cup-pos.fields: line 2, key 39: field 39: length 'two' must be 1..999 for ans", loader.Message);
    }

    private const string Alphabet = "0123456789 =.Lnabz\n";

    [Fact]
    public void DamagedTablesNeverThrow()
    {
        ulong seed = FuzzSeed.From("FIELDS_FUZZ_SEED", 20261130);
        var random = new SimRandom(seed);
        byte[] shipped = File.ReadAllBytes(ShippedPath);
        int refused = 0;
        for (int i = 0; i < 3000; i++)
        {
            var bytes = (byte[])shipped.Clone();
            for (int m = 0; m <= random.Next(4); m++)
            {
                bytes[random.Next(bytes.Length)] = (byte)(random.Next(3) == 0 ? random.Next(256) : Alphabet[random.Next(Alphabet.Length)]);
            }
            var parser = new FieldTableParser();
            try
            {
                if (!parser.TryParse(bytes, 0, bytes.Length, out _))
                {
                    Assert.False(string.IsNullOrEmpty(parser.Message), $"FIELDS_FUZZ_SEED={seed} case {i}: refused without a reason");
                    Assert.NotEqual(PosFirmware.Config.ConfigStatus.Ok, parser.Status);
                    refused++;
                }
            }
            catch (Exception e)
            {
                Assert.Fail($"FIELDS_FUZZ_SEED={seed} case {i}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.InRange(refused, 1, 2999);
    }
}
