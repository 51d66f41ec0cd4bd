using System.Text;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Drivers.Scanner;

public class ScanLineReaderTests
{
    private static readonly byte[] Gm65Ack = { 0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31 };

    private static ScanLineReader Reader(byte[]? terminators = null, byte[]? ack = null, int maxLineBytes = 32) =>
        new(new ScannerProfile { Terminators = terminators ?? new byte[] { 0x0D }, Ack = ack ?? Gm65Ack },
            new ScannerConfig { MaxLineBytes = maxLineBytes, PartialLineTimeoutMicros = 100_000 });

    private static List<LineStatus> Feed(ScanLineReader reader, byte[] bytes, long atMicros = 0)
    {
        var outcomes = new List<LineStatus>();
        foreach (byte b in bytes)
        {
            LineStatus status = reader.Feed(b, atMicros);
            if (status != LineStatus.None)
            {
                outcomes.Add(status);
            }
        }
        return outcomes;
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static string LineText(ScanLineReader reader) => Encoding.ASCII.GetString(reader.LineBuffer, 0, reader.LineLength);

    [Fact]
    public void A_terminated_printable_line_is_returned_whole()
    {
        var reader = Reader();
        Assert.Equal(new[] { LineStatus.Line }, Feed(reader, Ascii("134567890123456789\r")));
        Assert.Equal("134567890123456789", LineText(reader));
    }

    [Fact]
    public void Cr_lf_gives_one_line_and_the_empty_line_is_ignored()
    {
        var reader = Reader(new byte[] { 0x0D, 0x0A });
        Assert.Equal(new[] { LineStatus.Line, LineStatus.Line }, Feed(reader, Ascii("12\r\n34\r")));
        Assert.Equal("34", LineText(reader));
        Assert.Equal(LineStatus.None, reader.Feed(0x0A, 0));
        Assert.False(reader.InProgress);
    }

    [Fact]
    public void The_acknowledgement_at_a_line_start_is_removed_from_the_data()
    {
        var reader = Reader();
        byte[] stream = Gm65Ack.Concat(Ascii("123\r")).ToArray();
        Assert.Equal(new[] { LineStatus.Ack, LineStatus.Line }, Feed(reader, stream));
        Assert.Equal("123", LineText(reader));
    }

    [Fact]
    public void A_partial_acknowledgement_followed_by_other_bytes_is_a_garbled_line_not_a_lost_prefix()
    {
        var reader = Reader();
        byte[] stream = { 0x02, 0x00, (byte)'1', (byte)'2', 0x0D };
        Assert.Equal(new[] { LineStatus.Garbled }, Feed(reader, stream));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x31, 0x32, 0x0D })]
    [InlineData(new byte[] { 0x31, 0x00, 0x32, 0x0D })]
    [InlineData(new byte[] { 0x31, 0x32, 0x80, 0x0D })]
    [InlineData(new byte[] { 0x1B, 0x0D })]
    public void Non_printable_bytes_make_the_line_garbled(byte[] stream)
    {
        Assert.Equal(new[] { LineStatus.Garbled }, Feed(Reader(), stream));
    }

    [Fact]
    public void An_overlong_line_is_discarded_up_to_its_terminator_and_the_next_line_is_intact()
    {
        var reader = Reader(maxLineBytes: 8);
        var outcomes = Feed(reader, Ascii("123456789012345\r87654321\r"));
        Assert.Equal(new[] { LineStatus.Overlong, LineStatus.Line }, outcomes);
        Assert.Equal("87654321", LineText(reader));
    }

    [Fact]
    public void A_line_exactly_the_buffer_size_is_kept_and_one_more_byte_is_overlong()
    {
        var reader = Reader(maxLineBytes: 8);
        Assert.Equal(new[] { LineStatus.Line }, Feed(reader, Ascii("12345678\r")));
        Assert.Equal(new[] { LineStatus.Overlong }, Feed(reader, Ascii("123456789\r")));
    }

    [Fact]
    public void An_unterminated_line_times_out_at_the_deadline_and_not_one_microsecond_before()
    {
        var reader = Reader();
        Feed(reader, Ascii("1234"), atMicros: 1_000);
        Assert.Equal(LineStatus.None, reader.Tick(1_000 + 99_999));
        Assert.True(reader.InProgress);
        Assert.Equal(LineStatus.Truncated, reader.Tick(1_000 + 100_000));
        Assert.False(reader.InProgress);
        Assert.Equal(new[] { LineStatus.Line }, Feed(reader, Ascii("55\r"), atMicros: 200_000));
        Assert.Equal("55", LineText(reader));
    }

    [Fact]
    public void An_overlong_line_that_never_ends_times_out_as_overlong()
    {
        var reader = Reader(maxLineBytes: 4);
        Feed(reader, Ascii("1234567"), atMicros: 0);
        Assert.Equal(LineStatus.Overlong, reader.Tick(100_000));
    }

    [Fact]
    public void Nothing_in_progress_never_times_out()
    {
        var reader = Reader();
        Assert.Equal(LineStatus.None, reader.Tick(10_000_000));
        Feed(reader, Ascii("1\r"), atMicros: 0);
        Assert.Equal(LineStatus.None, reader.Tick(10_000_000));
    }
}
