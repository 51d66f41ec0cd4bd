using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

public class MechanismProfileFileTests
{
    /// <summary>Parses profile text; the message when it is refused, else null.</summary>
    private static string? Error(string text) => Parse(text, out _);

    private static string? Parse(string text, out MechanismProfile? profile)
    {
        var reader = MechanismProfileFile.CreateReader();
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        bool ok = MechanismProfileFile.TryParse(reader, bytes, 0, bytes.Length, out MechanismProfile parsed);
        Assert.Equal(ok, reader.Status == PosFirmware.Config.ConfigStatus.Ok);
        Assert.Equal(ok, parsed != null);
        profile = parsed;
        return reader.Message;
    }

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
    [InlineData("heaterOhms", "abc", "key heaterOhms: not a number: abc")]
    [InlineData("heaterOhms", "-5", "key heaterOhms: -5 is outside 0.001 to 100000 ohm")]
    [InlineData("dotsPerLine", "12.5", "key dotsPerLine: not a whole number")]
    [InlineData("dotsPerLine", "388", "key dotsPerLine: must be a multiple of 8")]
    [InlineData("name", "LTPD245C # a comment is not part of the name", null)]
    [InlineData("excitation", "HOLO,HHLL,OHOL,LHXL", "key excitation: state 4")]
    [InlineData("excitation", "HOLO,HHLL,OHOL,HHHL", "must drive each coil")]
    [InlineData("maxPpsAtMillivolts", "4750-1198", "key maxPpsAtMillivolts: item 1 must be number:number")]
    [InlineData("maxPpsAtMillivolts", "4750:1198.5", "key maxPpsAtMillivolts: item 1 must be whole numbers")]
    [InlineData("accelerationMicros", "5000,3704,4000", "key accelerationMicros: step times must never grow")]
    [InlineData("accelerationMicros", "5000,3704,4", "key accelerationMicros: item 3: 4 is outside 10 to 999999999 us")]
    [InlineData("overheatResumeCelsius", "90", "key overheatResumeCelsius: must be below overheatStopCelsius")]
    [InlineData("strobeBlocks", "5", "key strobeBlocks: must divide dotsPerLine")]
    [InlineData("pulseCorrection", "1,2,3", "key pulseCorrection: expected none or 5 numbers")]
    public void A_bad_value_is_reported_with_its_line_and_key(string key, string value, string? expected)
    {
        string text = Profiles.Text("LTPD245C", (key, value));
        string? error = Parse(text, out var profile);
        if (expected == null)
        {
            Assert.Null(error);
            Assert.Equal("LTPD245C", profile!.Name);
            return;
        }
        Assert.Null(profile);
        int line = Array.FindIndex(text.Split('\n'), l => l.StartsWith(key + "=", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"line {line}, ", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Unknown_duplicate_and_missing_keys_name_the_line_and_key()
    {
        string text = ProfileLibrary.Text("LTPD245C");
        Assert.Matches(@"^line \d+, key heaterOhm: unknown key$", Error(text + "\nheaterOhm=173\n"));
        Assert.Matches(@"^line \d+, key heaterOhms: given twice$", Error(text + "\nheaterOhms=173\n"));
        Assert.Equal("key stopHoldMillis: missing", Error(text.Replace("stopHoldMillis=20", "# none")));
        Assert.Equal("line 1: expected key = value", Error("name LTPD\n"));
        Assert.Equal("the file has no key = value line", Error(""));
    }

    [Fact]
    public void The_emulator_loader_throws_the_parser_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => ProfileLibrary.Parse("name=X\n", "test.profile"));
        Assert.StartsWith("test.profile: key dotsPerLine: missing", error.Message);
        Assert.Throws<ArgumentException>(() => ProfileLibrary.Text("NoSuchHead"));
    }

    [Fact]
    public void Fuzzed_profiles_never_throw_and_either_parse_or_say_why()
    {
        const string variable = "PRINTHEAD_PROFILE_FUZZ_SEED";
        ulong seed = PosFirmware.Tests.Drivers.Scanner.FuzzSeed.From(variable, 20261122);
        string replay = PosFirmware.Tests.Drivers.Scanner.FuzzSeed.Replay(variable, seed, nameof(Fuzzed_profiles_never_throw_and_either_parse_or_say_why));
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
            string? error;
            MechanismProfile? profile;
            try
            {
                error = Parse(text, out profile);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"seed={seed} round={round}: parser threw {ex}\n{replay}");
            }
            Assert.True((error == null) == (profile != null), $"seed={seed} round={round}: result and profile disagree\n{replay}");
        }
    }
}
