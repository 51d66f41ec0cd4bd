using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Trace;
using Xunit;

namespace PosFirmware.Tests.Emulator.Trace;

public class SignalTraceTests
{
    [Fact]
    public void With_the_trace_off_edges_keep_no_change_but_the_last_value_and_a_trace_on_again_records_from_there()
    {
        var board = new VirtualBoard(7);
        var lat = board.OutputPin("head", "LAT", initial: true);
        var stb = board.PulseOutput("head", "STB1");
        var signal = board.Trace.Find("head", "LAT")!;
        int before = board.Trace.Changes.Count;
        board.Trace.Enabled = false;
        board.Clock.Advance(1_000);
        lat.Write(false);
        stb.Pulse(5);
        board.Clock.Advance(10_000);
        Assert.Equal(before, board.Trace.Changes.Count);
        Assert.Equal(0.0, signal.Last);
        Assert.Equal(0.0, board.Trace.Find("head", "STB1")!.Last);
        board.Trace.Enabled = true;
        // The same level again is no change; the next edge is kept with its own time.
        lat.Write(false);
        Assert.Equal(before, board.Trace.Changes.Count);
        board.Clock.Advance(1_000);
        lat.Write(true);
        var change = Assert.Single(board.Trace.Changes.Skip(before));
        Assert.Equal(new SignalChange(12_000, signal.Index, 1.0), change);
    }

    [Fact]
    public void A_full_trace_stops_keeping_and_says_so()
    {
        var trace = new SignalTrace(maxChanges: 2);
        var signal = trace.Declare("s", "x", SignalKind.Real, 0);
        trace.Record(signal, 1, 1.0);
        trace.Record(signal, 2, 2.0);
        Assert.False(trace.Truncated);
        trace.Record(signal, 3, 3.0);
        Assert.True(trace.Truncated);
        Assert.Equal(2, trace.Changes.Count);
        Assert.Equal(3.0, signal.Last);
    }
}
