using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Trace;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Trace;

public class VcdWriterTests
{
    private static SignalTrace SampleTrace()
    {
        var board = new VirtualBoard(5);
        var lat = board.OutputPin("head", "LAT", initial: true);
        var stb = board.PulseOutput("head", "STB1");
        var serial = board.Serial("scanner", "UART2", 9600);
        board.Clock.Advance(10_000);
        lat.Write(false);
        board.Clock.Advance(1_000);
        lat.Write(true);
        stb.Pulse(500);
        serial.DeviceSend(new byte[] { 0x55, 0x0D }, 0, 2);
        board.Clock.Advance(5_000_000);
        return board.Trace;
    }

    [Fact]
    public void Initial_values_are_changes_at_time_zero_and_times_only_increase()
    {
        using var ms = new MemoryStream();
        VcdWriter.Write(SampleTrace(), ms, 1000);
        string[] lines = System.Text.Encoding.UTF8.GetString(ms.ToArray()).Split('\n');
        int defs = Array.IndexOf(lines, "$enddefinitions $end");
        Assert.Equal("#0", lines[defs + 1]);
        Assert.DoesNotContain("$dumpvars", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("$date", StringComparison.Ordinal));
        long last = -1;
        foreach (var l in lines.Where(l => l.StartsWith('#')))
        {
            long t = long.Parse(l[1..]);
            Assert.True(t > last, $"time {t} after {last}");
            last = t;
        }
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void The_strobe_pulse_lasts_its_exact_width_in_the_file()
    {
        using var ms = new MemoryStream();
        VcdWriter.Write(SampleTrace(), ms, 1000);
        string text = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        // LAT is "!", STB1 is "\"": LAT pulses low 10..11 us, then STB1 rises at 11 us and falls 500 us later.
        Assert.Contains("#10\n0!\n#11\n1!\n1\"", text);
        Assert.Contains("#511\n0\"", text);
    }

    [Fact]
    public void Uart_bits_are_traced_at_the_baud_rate()
    {
        var trace = SampleTrace();
        var rx = trace.Find("scanner", "UART2_RX")!;
        var edges = trace.Changes.Where(c => c.SignalIndex == rx.Index).OrderBy(c => c.AtNanos).ToList();
        long bit = 1_000_000_000L / 9600;
        // 0x55 LSB first is 1,0,1,0,...: after the start bit every bit toggles the line.
        Assert.Equal(11_000L, edges[0].AtNanos);
        Assert.Equal(0.0, edges[0].Value);
        Assert.Equal(11_000L + bit, edges[1].AtNanos);
        Assert.Equal(1.0, edges[1].Value);
    }

    [Fact]
    public void Sigrok_reads_the_file_without_warnings()
    {
        string dir = Directory.CreateTempSubdirectory("vcd").FullName;
        string path = Path.Combine(dir, "t.vcd");
        VcdWriter.Write(SampleTrace(), path, 1000);
        var result = ExternalTool.Run("sigrok-cli", new[] { "-I", "vcd", "-i", path, "--show" });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdErr.Trim());
        Assert.Contains("LAT: logic", result.StdOut);
        Assert.Contains("STB1: logic", result.StdOut);
        Assert.Contains("UART2_RX: logic", result.StdOut);
    }

    [Fact]
    public void Gtkwave_tools_convert_the_file_without_complaint()
    {
        string dir = Directory.CreateTempSubdirectory("vcd").FullName;
        string path = Path.Combine(dir, "t.vcd");
        VcdWriter.Write(SampleTrace(), path, 1000);
        var result = ExternalTool.Run("vcd2fst", new[] { path, Path.Combine(dir, "t.fst") });
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("rror", result.StdOut + result.StdErr);
        Assert.True(new FileInfo(Path.Combine(dir, "t.fst")).Length > 0);
    }

    [Fact]
    public void A_bad_timescale_is_refused()
    {
        using var ms = new MemoryStream();
        Assert.Throws<ArgumentException>(() => VcdWriter.Write(SampleTrace(), ms, 3));
    }

    [Fact]
    public void A_full_trace_stops_recording_and_says_so()
    {
        var trace = new SignalTrace(maxChanges: 3);
        var s = trace.Declare("a", "X", SignalKind.Wire, 0);
        for (int i = 1; i <= 10; i++)
        {
            trace.Record(s, i, i % 2 == 1);
        }
        Assert.Equal(3, trace.Changes.Count);
        Assert.True(trace.Truncated);
        using var ms = new MemoryStream();
        VcdWriter.Write(trace, ms, 1);
        Assert.Contains("$comment trace truncated", System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
