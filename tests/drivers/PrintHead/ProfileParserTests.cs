using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

public class ProfileParserTests
{
    [Fact]
    public void Both_shipped_profiles_parse_with_their_datasheet_values()
    {
        Assert.Equal(new[] { "JX-2R-01", "LTPD245C" }, ProfileLibrary.Names());
        var seiko = ProfileLibrary.Load("LTPD245C");
        Assert.Equal(384, seiko.DotsPerLine);
        Assert.Equal(6, seiko.StrobeBlocks);
        Assert.Equal(96, seiko.MaxSimultaneousDots);
        Assert.Equal(173, seiko.HeaterOhms);
        Assert.Equal(4, seiko.StepsPerDotLine);
        Assert.Equal(2, seiko.HeatsPerDotLine);
        Assert.Equal(73, seiko.AccelerationMicros.Length);
        Assert.Equal(5000, seiko.AccelerationMicros[0]);
        Assert.Equal(313, seiko.AccelerationMicros[^1]);
        Assert.Equal(new[] { 1, 1, 0, -1, -1, -1, 0, 1 }, seiko.ExcitationCoilA);
        Assert.Equal(new[] { 0, 1, 1, 1, 0, -1, -1, -1 }, seiko.ExcitationCoilB);
        Assert.Equal(85, seiko.OverheatStopCelsius);
        Assert.Equal(60, seiko.OverheatResumeCelsius);
        Assert.Equal(30000, seiko.LatchWaitNanos);
        var jx = ProfileLibrary.Load("JX-2R-01");
        Assert.Equal(64, jx.MaxSimultaneousDots);
        Assert.Equal(2, jx.StepsPerDotLine);
        Assert.False(jx.HasPulseCorrection);
        Assert.Equal(1250, jx.SameDotMinPeriodMicros);
        Assert.Equal(65, jx.OverheatStopCelsius);
    }

    [Theory]
    [InlineData("heaterOhms", "abc", "key heaterOhms: not a number")]
    [InlineData("dotsPerLine", "12.5", "key dotsPerLine: not a whole number")]
    [InlineData("excitation", "HOLO,HHLL,OHOL,LHXL", "key excitation: state 4")]
    [InlineData("excitation", "HOLO,HHLL,OHOL,HHHL", "must drive each coil")]
    [InlineData("maxPpsAtMillivolts", "4750-1198", "key maxPpsAtMillivolts: item 1 must be number:number")]
    [InlineData("accelerationMicros", "5000,3704,4000", "accelerationMicros: step times must be >= 10 us and never grow")]
    [InlineData("overheatResumeCelsius", "90", "overheatResumeCelsius: must be below overheatStopCelsius")]
    [InlineData("strobeBlocks", "5", "strobeBlocks: must divide dotsPerLine")]
    public void A_bad_value_is_reported_with_its_key(string key, string value, string expected)
    {
        var result = ProfileParser.Parse(Profiles.Text("LTPD245C", (key, value)));
        Assert.False(result.Ok);
        Assert.Null(result.Profile);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Unknown_duplicate_and_missing_keys_name_the_line_and_key()
    {
        string text = ProfileLibrary.Text("LTPD245C");
        var unknown = ProfileParser.Parse(text + "\nheaterOhm=173\n");
        Assert.Matches(@"^line \d+, key heaterOhm: unknown key$", unknown.Error);
        var duplicate = ProfileParser.Parse(text + "\nheaterOhms=173\n");
        Assert.Matches(@"^line \d+, key heaterOhms: given twice$", duplicate.Error);
        var missing = ProfileParser.Parse(text.Replace("stopHoldMillis=20", "# none"));
        Assert.Equal("key stopHoldMillis: missing", missing.Error);
        var noEquals = ProfileParser.Parse("name LTPD\n");
        Assert.Equal("line 1: expected key=value", noEquals.Error);
        Assert.Equal("profile is empty", ProfileParser.Parse("").Error);
    }

    [Fact]
    public void The_emulator_loader_throws_the_parser_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => ProfileLibrary.Parse("name=X\n", "test.profile"));
        Assert.StartsWith("test.profile: key dotsPerLine: missing", error.Message);
        Assert.Throws<ArgumentException>(() => ProfileLibrary.Text("NoSuchHead"));
    }

    [Fact]
    public void Numbers_parse_without_culture_or_exponent()
    {
        Assert.True(ProfileParser.TryParseNumber("-2.800", out double d));
        Assert.Equal(-2.8, d, 12);
        Assert.True(ProfileParser.TryParseNumber("0.20", out d));
        Assert.Equal(0.2, d, 12);
        Assert.False(ProfileParser.TryParseNumber("1e3", out _));
        Assert.False(ProfileParser.TryParseNumber("1,5", out _));
        Assert.False(ProfileParser.TryParseNumber("", out _));
        Assert.False(ProfileParser.TryParseNumber("-", out _));
        Assert.False(ProfileParser.TryParseNumber("1.2.3", out _));
        Assert.True(ProfileParser.TryParseInt("-42", out int i));
        Assert.Equal(-42, i);
        Assert.False(ProfileParser.TryParseInt("1234567890", out _));
    }

    [Fact]
    public void Fuzzed_profiles_never_throw_and_either_parse_or_say_why()
    {
        ulong seed = 20261122;
        var random = new SimRandom(seed).Fork("profile-fuzz");
        string original = ProfileLibrary.Text("JX-2R-01");
        const string alphabet = "=,:#.-+0123456789HLOabcxyz \n\r\t";
        for (int round = 0; round < 3000; round++)
        {
            var chars = original.ToCharArray();
            int edits = 1 + random.Next(6);
            for (int e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }
            string text = new string(chars);
            if (random.Chance(0.1))
            {
                text = text[..random.Next(text.Length)];
            }
            ProfileParseResult result;
            try
            {
                result = ProfileParser.Parse(text);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"seed={seed} round={round}: parser threw {ex}");
            }
            Assert.True(result.Ok == (result.Profile != null), $"seed={seed} round={round}: result and profile disagree");
            Assert.True(result.Ok || result.Error.Length > 0, $"seed={seed} round={round}: error without a message");
        }
    }
}
