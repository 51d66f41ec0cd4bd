using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

public class FieldFormatTests
{
    [Theory]
    [InlineData("n", FieldFormat.NumericFixed)]
    [InlineData("n..LL", FieldFormat.NumericLlvar)]
    [InlineData("ans...LLL", FieldFormat.AlphaLllvar)]
    [InlineData("b", FieldFormat.BinaryFixed)]
    [InlineData("z...LLL", FieldFormat.TrackLllvar)]
    public void A_spec_name_parses_to_its_format(string name, int expected)
    {
        Assert.True(FieldFormat.TryParse(name, out int format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public void Every_known_format_parses_back_from_its_name()
    {
        for (int format = FieldFormat.NumericFixed; format <= FieldFormat.TrackLllvar; format++)
        {
            Assert.True(FieldFormat.TryParse(FieldFormat.Name(format), out int parsed), FieldFormat.Name(format));
            Assert.Equal(format, parsed);
        }
    }

    [Theory]
    [InlineData("?")]
    [InlineData("")]
    [InlineData("N")]
    [InlineData("an")]
    [InlineData("n..LLL")]
    public void An_unknown_name_is_refused(string name)
    {
        Assert.False(FieldFormat.TryParse(name, out int format));
        Assert.False(FieldFormat.IsKnown(format));
    }
}
