using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The motor's acceleration floor is looked up by halving when the table never rises, and kept for the
/// last interval asked: both must give what the datasheet's rule gives read entry by entry.
/// </summary>
public class HeadPhysicsTests
{
    public static TheoryData<int[]> Tables() => new()
    {
        Profiles.Seiko().AccelerationMicros,
        Profiles.Jingxin().AccelerationMicros,
        // Repeated entries, and one that rises again (read entry by entry).
        new[] { 5000, 3000, 3000, 2000, 2000, 2000, 1000 },
        new[] { 5000, 3000, 2000, 2500, 1500, 1000 },
        new[] { 4000, 2000 },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_floor_is_the_first_entry_shorter_than_the_last_step(int[] table)
    {
        var profile = Profiles.Seiko();
        profile.AccelerationMicros = table;
        var physics = new HeadPhysics(profile);
        var asked = new List<double> { -1, double.NaN, 0, table[0], table[0] + 0.5, table[^1] - 1, table[^1] };
        foreach (int entry in table)
        {
            asked.Add(entry - 1);
            asked.Add(entry - 0.5);
            asked.Add(entry);
            asked.Add(entry + 0.5);
            asked.Add(entry + 1);
        }
        // Each interval twice in a row (the kept answer), then in another order (a fresh search).
        foreach (double interval in asked.Concat(asked.AsEnumerable().Reverse()))
        {
            Assert.Equal(EntryByEntry(table, interval), physics.AccelerationFloorMicros(interval));
            Assert.Equal(EntryByEntry(table, interval), physics.AccelerationFloorMicros(interval));
        }
    }

    [Fact]
    public void A_new_table_is_read_afresh()
    {
        var profile = Profiles.Seiko();
        var physics = new HeadPhysics(profile);
        Assert.Equal(EntryByEntry(profile.AccelerationMicros, 1000), physics.AccelerationFloorMicros(1000));
        profile.AccelerationMicros = new[] { 4000, 3000, 900, 500 };
        Assert.Equal(900, physics.AccelerationFloorMicros(1000));
    }

    [Fact]
    public void Floors_kept_for_many_intervals_asked_in_any_order_are_the_floors_read_entry_by_entry()
    {
        // More intervals than the kept table has places, so places are shared and overwritten; a seed replays.
        int seed = Environment.TickCount;
        try
        {
            var random = new Random(seed);
            var profile = Profiles.Seiko();
            var physics = new HeadPhysics(profile);
            var other = new[] { 5000, 3000, 2000, 2500, 1500, 1000 };
            var intervals = Enumerable.Range(0, 700).Select(_ => random.Next(3) == 0 ? -1 : random.Next(0, 6000) + (random.Next(4) == 0 ? 0.5 : 0)).ToArray();
            for (int i = 0; i < 20_000; i++)
            {
                if (i % 5000 == 4999)
                {
                    profile.AccelerationMicros = profile.AccelerationMicros == other ? Profiles.Seiko().AccelerationMicros : other;
                }
                double interval = intervals[random.Next(intervals.Length)];
                double expected = EntryByEntry(profile.AccelerationMicros, interval);
                Assert.True(expected == physics.AccelerationFloorMicros(interval), $"seed {seed}: after {interval} us");
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"seed {seed}", e);
        }
    }

    // [S-LTPD245C] 3.3 as the model states it: the start step after energising, then the table re-entered at
    // its first entry (from the second on) shorter than the last step, read one entry after another.
    private static double EntryByEntry(int[] table, double lastIntervalMicros)
    {
        if (lastIntervalMicros < 0)
        {
            return table[0];
        }
        if (lastIntervalMicros >= table[0])
        {
            return table[1];
        }
        for (int i = 1; i < table.Length; i++)
        {
            if (table[i] < lastIntervalMicros)
            {
                return table[i];
            }
        }
        return table[^1];
    }
}
