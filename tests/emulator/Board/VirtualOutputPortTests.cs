using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using Xunit;

namespace PosFirmware.Tests.Emulator.Board;

public class VirtualOutputPortTests
{
    [Fact]
    public void A_port_write_changes_its_pins_at_one_instant_then_tells_its_models_once()
    {
        var board = new VirtualBoard(1);
        var port = board.OutputPort("m", "A", "B", "nA", "nB");
        var pinEdges = new List<(string Pin, bool High, int PortLevels)>();
        foreach (var pin in port.Pins)
        {
            pin.Connect((high, _) => pinEdges.Add((pin.Name, high, port.Levels)));
        }
        var told = new List<(int Levels, long At, bool Together)>();
        port.Connect((levels, at, together) => told.Add((levels, at, together)));
        port.Write(0b0011);
        board.Clock.Advance(5000);
        port.Write(0b0110); // A falls, /A rises: falling first, both at 5 us
        port.Write(0b0110); // no change: nothing told
        Assert.Equal(new[] { (0b0011, 0L, true), (0b0110, 5000L, true) }, told);
        Assert.Equal(new[] { ("A", true, 0b0011), ("B", true, 0b0011), ("A", false, 0b0110), ("nA", true, 0b0110) }, pinEdges);
        Assert.Equal(new long[] { 2, 1, 1, 0 }, port.Pins.Select(p => p.EdgeCount).ToArray());
        var changes = board.Trace.Changes.Where(c => c.AtNanos == 5000).ToList();
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public void A_pin_written_alone_moves_the_ports_levels_and_is_told_as_a_change_alone()
    {
        var board = new VirtualBoard(1);
        var port = board.OutputPort("m", "A", "B");
        var told = new List<(int Levels, bool Together)>();
        port.Connect((levels, _, together) => told.Add((levels, together)));
        port.Pins[1].Write(true);
        Assert.Equal(0b10, port.Levels);
        port.Write(0b01);
        Assert.Equal(new[] { (0b10, false), (0b01, true) }, told);
        Assert.Throws<InvalidOperationException>(() => new VirtualOutputPort(board.Clock, board.Power, new[] { port.Pins[0] }));
    }

    [Fact]
    public void A_port_write_after_a_power_cut_throws_and_changes_nothing()
    {
        var board = new VirtualBoard(1);
        var port = board.OutputPort("m", "A", "B");
        port.Write(0b01);
        Assert.Throws<PowerLossException>(() => board.Power.Cut(0, "test"));
        var e = Assert.Throws<PowerLossException>(() => port.Write(0b10));
        Assert.Contains("A", e.Message); // the pin a pin-by-pin write would have written first
        Assert.Equal(0b01, port.Levels);
        Assert.True(port.Pins[0].Level);
        Assert.False(port.Pins[1].Level);
    }
}
