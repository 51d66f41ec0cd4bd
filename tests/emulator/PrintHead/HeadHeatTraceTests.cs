using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The heat a strobe's fall puts into the head, and the head temperature traced with it (checked in line at
/// every such edge, recorded out of line): the trace shows the thermal model's temperature at every edge
/// that heated the head, and tracing changes no figure of the run.
/// </summary>
public class HeadHeatTraceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_head_temperature_traced_at_each_heating_edge_is_the_thermal_model_at_that_instant(int seed)
    {
        var random = new Random(seed);
        var profile = Profiles.Seiko();
        var traced = new VirtualPrinter(new VirtualBoard((ulong)seed), profile, new VirtualPrinterOptions { TraceAnalog = true });
        var plain = new VirtualPrinter(new VirtualBoard((ulong)seed), profile);
        var celsius = traced.Board.Trace.Find("head", "T_head")!;
        double joulesBefore = 0;
        int heatingEdges = 0;
        // Wired after the head: each fall has reached the model when it is looked at.
        foreach (var strobe in traced.Strobes)
        {
            strobe.Connect((high, at) =>
            {
                if (high || traced.Thermal.JoulesIn == joulesBefore)
                {
                    return;
                }
                joulesBefore = traced.Thermal.JoulesIn;
                heatingEdges++;
                double now = Math.Round(traced.Thermal.HeadCelsiusAt(at), 3);
                Assert.True(now == celsius.Last, $"seed {seed}, heating edge {heatingEdges} at {at} ns: traced {celsius.Last:R} degC, the model has {now:R}");
            });
        }
        for (int i = 0; i < 60; i++)
        {
            var line = new byte[48];
            int density = random.Next(0, 9);
            for (int b = 0; b < line.Length; b++)
            {
                line[b] = (byte)(random.Next(8) < density ? random.Next(256) : 0);
            }
            Assert.Equal(PrintStatus.Ok, traced.Sink.PrintLine(line, 0));
            Assert.Equal(PrintStatus.Ok, plain.Sink.PrintLine(line, 0));
        }
        long end = traced.Board.Clock.NowNanos;
        Assert.True(heatingEdges > 100, $"seed {seed}: {heatingEdges} heating edges");
        Assert.Equal(end, plain.Board.Clock.NowNanos);
        Assert.Equal(BitConverter.DoubleToInt64Bits(plain.Thermal.JoulesIn), BitConverter.DoubleToInt64Bits(traced.Thermal.JoulesIn));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plain.Thermal.HeadCelsiusAt(end)), BitConverter.DoubleToInt64Bits(traced.Thermal.HeadCelsiusAt(end)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plain.Thermal.SensorCelsiusAt(end)), BitConverter.DoubleToInt64Bits(traced.Thermal.SensorCelsiusAt(end)));
    }
}
