using System.Text;
using PosFirmware.Config;
using Xunit;

namespace PosFirmware.Tests.Drivers.Config;

/// <summary>The one key = value reader: its comment rule, every value type with both sides of each range, and every refusal.</summary>
public class ConfigReaderTests
{
    private static readonly ConfigKey[] Schema =
    {
        new("name", ConfigType.Text, 1, 12, "characters", true),
        new("count", ConfigType.Integer, -5, 100, "items", false),
        new("volts", ConfigType.Number, 4.75, 9.5, "V", false),
        new("bytes", ConfigType.HexBytes, 1, 3, "bytes", false),
        new("steps", ConfigType.IntegerList, 10, 5000, "us", false),
        new("curve", ConfigType.NumberPairs, -40, 400, "", false),
        new("rule", ConfigType.Text, 1, 20, "characters", false, 3),
        new("secret", ConfigType.LineText, 0, 20, "characters", false),
    };

    private static ConfigReader Read(string text, out bool ok, int maxTextBytes = 1000, int maxLineChars = 60, int maxListItems = 4)
    {
        var reader = new ConfigReader(Schema, maxTextBytes, maxLineChars, maxListItems);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        ok = reader.TryRead(bytes, 0, bytes.Length);
        Assert.Equal(ok, reader.Status == ConfigStatus.Ok);
        Assert.Equal(ok, reader.Message == null);
        return reader;
    }

    private static ConfigReader ReadOk(string text)
    {
        var reader = Read(text, out bool ok);
        Assert.True(ok, reader.Message);
        return reader;
    }

    [Fact]
    public void A_hash_starts_a_comment_wherever_it_stands()
    {
        var reader = ReadOk("# heading\nname = X # note\r\n\tcount\t=\t7   # tabs and CR LF\r\n  # indented comment, non-ASCII in it is fine: 中文\n");
        Assert.True(reader.TryGetText("name", out string name));
        Assert.Equal("X", name);
        Assert.True(reader.TryGetInt("count", out int count));
        Assert.Equal(7, count);
    }

    [Fact]
    public void A_line_text_value_runs_to_the_line_end_hash_included_and_may_be_empty()
    {
        var reader = ReadOk("name = X # note\nsecret =  a#b = c  \t\r\n");
        Assert.True(reader.TryGetText("secret", out string secret));
        Assert.Equal("a#b = c", secret);
        Assert.True(reader.TryGetText("name", out string name));
        Assert.Equal("X", name);

        Assert.True(ReadOk("name = X\nsecret =\n").TryGetText("secret", out string empty));
        Assert.Equal("", empty);
    }

    [Theory]
    [InlineData("name = X\nsecret = a#\u4e2d\n", ConfigStatus.NotText, 2)]
    [InlineData("name = X\nsecret = 123456789012345678901\n", ConfigStatus.OutOfRange, 2)]
    [InlineData("name = X\nsecret = # a comment longer than the sixty characters a line may hold here\n", ConfigStatus.NotText, 2)]
    public void A_line_text_value_is_refused_when_its_text_is_not_all_there(string text, ConfigStatus status, int line)
    {
        var reader = Read(text, out bool ok);
        Assert.False(ok);
        Assert.Equal(status, reader.Status);
        Assert.Equal(line, reader.Line);
        Assert.Equal("secret", reader.Key);
    }

    [Fact]
    public void A_comment_longer_than_a_line_is_still_only_a_comment()
    {
        ReadOk("name = X # " + new string('c', 200) + "\n# " + new string('d', 200) + "\n");
        // A setting that fills the line to its last character, then a comment; carriage returns and tabs inside
        // a comment, and a last line with no line end.
        var reader = ReadOk("name = X" + new string(' ', 52) + "# c\ncount = 3 # a\rb\tc\r\r\nvolts = 5 # end");
        Assert.True(reader.TryGetText("name", out string name));
        Assert.Equal("X", name);
        Assert.True(reader.TryGetInt("count", out int count));
        Assert.Equal(3, count);
        Assert.True(reader.TryGetNumber("volts", out double volts));
        Assert.Equal(5.0, volts);
    }

    [Fact]
    public void Every_type_hands_out_its_value()
    {
        var reader = ReadOk("name=head\ncount=-5\nvolts=9.5\nbytes=7e 00 AB\nsteps=5000, 10\ncurve=-40:400, 25:0.5\nrule=a\nrule=b c\n");
        Assert.True(reader.TryGetInt("count", out int count));
        Assert.Equal(-5, count);
        Assert.True(reader.TryGetNumber("volts", out double volts));
        Assert.Equal(9.5, volts);
        Assert.True(reader.TryGetHexBytes("bytes", out byte[] bytes));
        Assert.Equal(new byte[] { 0x7E, 0x00, 0xAB }, bytes);
        Assert.True(reader.TryGetIntList("steps", out int[] steps));
        Assert.Equal(new[] { 5000, 10 }, steps);
        Assert.True(reader.TryGetPairs("curve", out double[] first, out double[] second));
        Assert.Equal(new[] { -40.0, 25 }, first);
        Assert.Equal(new[] { 400, 0.5 }, second);
        Assert.Equal(2, reader.Count("rule"));
        Assert.True(reader.TryGetText("rule", 1, out string rule));
        Assert.Equal("b c", rule);
        Assert.False(reader.TryGetText("rule", 2, out _));
    }

    [Fact]
    public void A_key_the_file_leaves_out_is_not_there_and_a_required_one_refuses_the_file()
    {
        var reader = ReadOk("name=x\n");
        Assert.False(reader.TryGetInt("count", out _));
        Assert.Equal(0, reader.Count("rule"));
        var missing = Read("count=1\n", out bool ok);
        Assert.False(ok);
        Assert.Equal(ConfigStatus.Missing, missing.Status);
        Assert.Equal("key name: missing", missing.Message);
    }

    [Theory]
    [InlineData("count=100", true)]
    [InlineData("count=101", false)]
    [InlineData("count=-5", true)]
    [InlineData("count=-6", false)]
    [InlineData("volts=4.75", true)]
    [InlineData("volts=4.74", false)]
    [InlineData("volts=9.5", true)]
    [InlineData("volts=9.51", false)]
    [InlineData("bytes=01 02 03", true)]
    [InlineData("bytes=01 02 03 04", false)]
    [InlineData("steps=10", true)]
    [InlineData("steps=9", false)]
    [InlineData("curve=400:-40", true)]
    [InlineData("curve=401:0", false)]
    [InlineData("name=123456789012", true)]
    [InlineData("name=1234567890123", false)]
    public void Each_range_holds_on_its_edge_and_refuses_one_step_past_it(string line, bool accepted)
    {
        string text = line.StartsWith("name=", StringComparison.Ordinal) ? line + "\n" : "name=x\n" + line + "\n";
        var reader = Read(text, out bool ok);
        Assert.Equal(accepted, ok);
        if (!accepted)
        {
            Assert.Equal(ConfigStatus.OutOfRange, reader.Status);
            Assert.StartsWith("line ", reader.Message);
        }
    }

    [Theory]
    [InlineData("name=x\ncount=1.5\n", ConfigStatus.BadValue, "line 2, key count: not a whole number: 1.5")]
    [InlineData("name=x\nvolts=1e3\n", ConfigStatus.BadValue, "line 2, key volts: not a number: 1e3")]
    [InlineData("name=x\nvolts=\n", ConfigStatus.BadValue, "line 2, key volts: empty value")]
    [InlineData("name=x\nbytes=7E0\n", ConfigStatus.BadValue, "line 2, key bytes: must be hex bytes separated by spaces, e.g. 7E 00 08")]
    [InlineData("name=x\nsteps=10,x\n", ConfigStatus.BadValue, "line 2, key steps: item 2 is not a whole number")]
    [InlineData("name=x\ncurve=1-2\n", ConfigStatus.BadValue, "line 2, key curve: item 1 must be number:number")]
    [InlineData("name=x\nsteps=10,10,10,10,10\n", ConfigStatus.TooManyItems, "line 2, key steps: more than 4 items")]
    [InlineData("name=x\nspeed=1\n", ConfigStatus.UnknownKey, "line 2, key speed: unknown key")]
    [InlineData("name=x\nname=y\n", ConfigStatus.Repeated, "line 2, key name: given twice")]
    [InlineData("name=x\nrule=a\nrule=b\nrule=c\nrule=d\n", ConfigStatus.Repeated, "line 5, key rule: given more than 3 times")]
    [InlineData("name=x\ncount 1\n", ConfigStatus.NotKeyValue, "line 2: expected key = value")]
    [InlineData("name=x\n= 1\n", ConfigStatus.NotKeyValue, "line 2: expected key = value")]
    [InlineData("name=x\u0001\n", ConfigStatus.NotText, "line 1: byte 0x01 is not ASCII text")]
    [InlineData("name=caf\u00e9\n", ConfigStatus.NotText, "line 1: byte 0xC3 is not ASCII text")]
    [InlineData("name=x\u007f\n", ConfigStatus.NotText, "line 1: byte 0x7F is not ASCII text")]
    [InlineData("name=x # bell\u0007 in a comment\n", ConfigStatus.NotText, "line 1: byte 0x07 is not ASCII text")]
    [InlineData("name=x\n# del\u007f in a comment\n", ConfigStatus.NotText, "line 2: byte 0x7F is not ASCII text")]
    [InlineData("# x\n\n", ConfigStatus.Empty, "the file has no key = value line")]
    public void A_bad_file_is_refused_whole_with_its_status_line_and_key(string text, ConfigStatus status, string message)
    {
        var reader = Read(text, out bool ok);
        Assert.False(ok);
        Assert.Equal(status, reader.Status);
        Assert.Equal(message, reader.Message);
    }

    [Fact]
    public void The_file_and_line_limits_are_refusals_not_truncations()
    {
        var longLine = Read("name=" + new string('x', 56) + "\n", out bool ok);
        Assert.False(ok);
        Assert.Equal(ConfigStatus.LineTooLong, longLine.Status);
        Assert.Equal("line 1: longer than 60 characters", longLine.Message);
        var longFile = Read("name=x\n", out ok, maxTextBytes: 6);
        Assert.False(ok);
        Assert.Equal(ConfigStatus.TooLong, longFile.Status);
        Assert.Equal("longer than 6 bytes", longFile.Message);
    }

    [Fact]
    public void A_rule_between_keys_is_reported_on_the_line_of_the_key_it_names()
    {
        var reader = ReadOk("name=x\n\nrule=a\nrule=b\ncount=3\n");
        Assert.False(reader.Fail("count", "must be below 2"));
        Assert.Equal(ConfigStatus.Inconsistent, reader.Status);
        Assert.Equal("line 5, key count: must be below 2", reader.Message);
        Assert.False(reader.Fail("rule", 1, "is no good"));
        Assert.Equal("line 4, key rule: is no good", reader.Message);
    }

    [Fact]
    public void A_reader_reads_a_second_file_from_scratch()
    {
        var reader = Read("name=x\ncount=1\nrule=a\n", out _);
        byte[] second = Encoding.ASCII.GetBytes("name=y\n");
        Assert.True(reader.TryRead(second, 0, second.Length));
        Assert.False(reader.TryGetInt("count", out _));
        Assert.Equal(0, reader.Count("rule"));
    }

    [Fact]
    public void Numbers_parse_without_culture_or_exponent()
    {
        Assert.True(ConfigReader.TryParseNumber("-2.800", out double d));
        Assert.Equal(-2.8, d, 12);
        Assert.True(ConfigReader.TryParseNumber("0.20", out d));
        Assert.Equal(0.2, d, 12);
        Assert.False(ConfigReader.TryParseNumber("1e3", out _));
        Assert.False(ConfigReader.TryParseNumber("1,5", out _));
        Assert.False(ConfigReader.TryParseNumber("", out _));
        Assert.False(ConfigReader.TryParseNumber("-", out _));
        Assert.False(ConfigReader.TryParseNumber("1.2.3", out _));
        Assert.True(ConfigReader.TryParseInt("-42", out int i));
        Assert.Equal(-42, i);
        Assert.True(ConfigReader.TryParseInt("999999999", out i));
        Assert.False(ConfigReader.TryParseInt("1234567890", out _));
        Assert.True(ConfigReader.TryParseHexBytes("", 4, out byte[] none));
        Assert.Empty(none);
        Assert.False(ConfigReader.TryParseHexBytes("01 02 03", 2, out _));
    }

    [Fact]
    public void Keys_are_found_from_the_line_among_names_that_share_slots_lengths_and_prefixes()
    {
        int seed = Environment.TickCount & 0xFFFF;
        var r = new Random(seed);
        for (int round = 0; round < 100; round++)
        {
            // Short names over three letters: many share a length, a prefix or a slot of the reader's table.
            var names = new List<string>();
            int keys = r.Next(1, 40);
            while (names.Count < keys)
            {
                string name = new string(Enumerable.Range(0, r.Next(1, 5)).Select(_ => "abc"[r.Next(3)]).ToArray());
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
            var schema = names.Select(n => new ConfigKey(n, ConfigType.Integer, 0, 1000, "", false)).ToArray();
            var reader = new ConfigReader(schema, 4000, 40, 4);
            var given = names.Where(_ => r.Next(2) == 0).ToList();
            if (given.Count == 0)
            {
                given.Add(names[r.Next(names.Count)]); // a file with no setting is refused
            }
            var text = new StringBuilder();
            foreach (string name in given)
            {
                text.Append(name).Append(r.Next(2) == 0 ? " = " : "=").Append(names.IndexOf(name)).Append('\n');
            }
            byte[] bytes = Encoding.ASCII.GetBytes(text.ToString());
            Assert.True(reader.TryRead(bytes, 0, bytes.Length), $"seed {seed}, round {round}: {reader.Message}");
            foreach (string name in names)
            {
                bool found = reader.TryGetInt(name, out int value);
                Assert.True(found == given.Contains(name), $"seed {seed}, round {round}: {name} found {found}");
                Assert.True(!found || value == names.IndexOf(name), $"seed {seed}, round {round}: {name} = {value}");
            }
            // A name not in the schema (a longer or shorter one over the same letters) is refused by name.
            string unknown;
            do
            {
                unknown = new string(Enumerable.Range(0, r.Next(1, 6)).Select(_ => "abc"[r.Next(3)]).ToArray());
            }
            while (names.Contains(unknown));
            bytes = Encoding.ASCII.GetBytes(text + unknown + " = 1\n");
            Assert.False(reader.TryRead(bytes, 0, bytes.Length));
            Assert.True(reader.Status == ConfigStatus.UnknownKey && reader.Message.Contains(unknown), $"seed {seed}, round {round}: {unknown}: {reader.Message}");
        }
    }
}
