using PosFirmware.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The motor's rate limit kept per supply and cap is the physics worked out straight, to the bit: supplies
/// coming back in any order, new ones, temperatures in and out of the normal range, and the profile's rate
/// table and cap replaced midway.
/// </summary>
public class KeptStepRatesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_rate_kept_is_the_rate_worked_out_straight(int seed)
    {
        var random = new Random(seed);
        var profile = Profiles.Seiko();
        var physics = new HeadPhysics(profile);
        var kept = new KeptStepRates(physics);
        // Supplies as the counts of dots on give them (some sharing a slot; a supply capped and not shares one),
        // and now and then one never seen.
        var supplies = new double[100];
        for (int i = 0; i < supplies.Length; i++)
        {
            supplies[i] = 4.0 + random.NextDouble() * 5.0;
        }
        int tableChanges = 0;
        for (int ask = 0; ask < 40_000; ask++)
        {
            switch (random.Next(1000))
            {
                case 0:
                    profile.MaxPps = profile.MaxPps.Select(pps => pps - random.Next(200)).ToArray();
                    tableChanges++;
                    break;
                case 1:
                    profile.MaxPpsMillivolts = profile.MaxPpsMillivolts.Select(mv => mv + random.Next(300)).ToArray();
                    tableChanges++;
                    break;
                case 2:
                    profile.ExtremeMaxPps = random.Next(3) == 0 ? 0 : 800 + random.Next(400);
                    tableChanges++;
                    break;
            }
            double volts = random.Next(20) == 0 ? 4.0 + random.NextDouble() * 5.0 : supplies[random.Next(supplies.Length)];
            double celsius = -30 + random.NextDouble() * 110;
            double straight = 1e6 / new HeadPhysics(profile).MaxPps(volts, celsius);
            double got = kept.Micros(volts, celsius);
            Assert.True(BitConverter.DoubleToInt64Bits(straight) == BitConverter.DoubleToInt64Bits(got),
                $"seed {seed}, ask {ask}: {got:R} us kept at {volts:R} V, {celsius:R} degC, worked out straight {straight:R} us");
        }
        Assert.True(tableChanges > 20, $"seed {seed}: {tableChanges} table changes");
    }
}
