using PosFirmware.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The head model keeps its figures for each count of dots on (supply, power per dot, current) and works
/// out only the counts it has not kept, or all of them again after the supply changed. Held against the
/// physics worked out straight at every edge, with the battery, its source resistance and V_H changed at
/// random edges under and between strobes.
/// </summary>
public class HeadLoadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_current_kept_per_count_is_the_physics_of_the_count_at_every_edge(int seed)
    {
        var random = new Random(seed);
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 5.0, sourceOhms: 0.5);
        var head = printer.Head;
        var physics = printer.Physics;
        double peakAmps = 0;
        int edges = 0;
        int changes = 0;
        // Wired after the head, so each edge has reached the model when it is checked; a change made here is
        // seen by the model at its next edge, as a battery changed by a test between two of them.
        foreach (var strobe in printer.Strobes)
        {
            strobe.Connect((_, _) => Check());
        }
        printer.Latch.Connect((_, _) => Check());
        var page = new byte[60][];
        for (int i = 0; i < page.Length; i++)
        {
            page[i] = new byte[48];
            int density = random.Next(0, 9);
            for (int b = 0; b < page[i].Length; b++)
            {
                page[i][b] = (byte)(random.Next(8) < density ? random.Next(256) : 0);
            }
        }
        PrinterRig.PrintAll(printer, page);
        Assert.True(edges > 100, $"seed {seed}: {edges} edges");
        Assert.True(changes > 10, $"seed {seed}: {changes} changes");

        void Check()
        {
            edges++;
            int count = head.DotsOn;
            double volts = head.HeadPowerOn ? physics.HeadVolts(head.SupplyOpenVolts, head.SourceOhms, count) : 0;
            peakAmps = Math.Max(peakAmps, count * volts / physics.PathOhms(count));
            Assert.True(peakAmps == head.PeakAmps, $"seed {seed}, edge {edges}: peak {head.PeakAmps:R} A, worked out straight {peakAmps:R} A ({count} dots)");
            Assert.True(physics.HeadVolts(head.SupplyOpenVolts, head.SourceOhms, count) == head.HeadVolts,
                $"seed {seed}, edge {edges}: {head.HeadVolts:R} V at the head with {count} dots on");
            switch (random.Next(8))
            {
                case 0:
                    head.SupplyOpenVolts = 5.0 + random.Next(41) * 0.1;
                    changes++;
                    break;
                case 1:
                    head.SourceOhms = 0.02 + random.Next(49) * 0.01;
                    changes++;
                    break;
            }
        }
    }
}
