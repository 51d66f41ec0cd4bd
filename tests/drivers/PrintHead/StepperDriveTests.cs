using PosFirmware.Emulator.Board;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>The stepper drive on four virtual phase pins: the profile's excitation sequence, no coil driven both ways, and the acceleration table.</summary>
public class StepperDriveTests
{
    private sealed class Rig
    {
        public Rig(MechanismProfile profile, int accelerationPercent = 100)
        {
            Board = new VirtualBoard(1);
            Pins = new[] { "MT_A", "MT_B", "MT_nA", "MT_nB" }.Select(n => Board.OutputPin("motor", n)).ToArray();
            foreach (var (pin, index) in Pins.Select((p, i) => (p, i)))
            {
                pin.Connect((high, _) =>
                {
                    // A coil driven both ways at once shorts the H-bridge: never, not even between two writes.
                    Assert.False(Pins[0].Level && Pins[2].Level, "A and /A high together");
                    Assert.False(Pins[1].Level && Pins[3].Level, "B and /B high together");
                });
            }
            Drive = new StepperDrive(profile, new PosFirmware.Hal.PinByPinPort(Pins), Board.Clock, accelerationPercent);
        }

        public VirtualBoard Board { get; }
        public VirtualOutputPin[] Pins { get; }
        public StepperDrive Drive { get; }

        /// <summary>The coil currents now: +1, -1 or 0 for A and B.</summary>
        public (int A, int B) Coils() => (Level(0, 2), Level(1, 3));

        private int Level(int plus, int minus) => Pins[plus].Level ? 1 : Pins[minus].Level ? -1 : 0;
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Each_step_drives_the_next_state_of_the_profiles_excitation_table_and_wraps(string name)
    {
        var profile = Profiles.Load(name);
        var rig = new Rig(profile);
        rig.Drive.Energize();
        Assert.Equal((profile.ExcitationCoilA[0], profile.ExcitationCoilB[0]), rig.Coils());
        for (int step = 1; step <= 2 * profile.ExcitationStates; step++)
        {
            rig.Board.Clock.DelayMicros(2000);
            rig.Drive.Step();
            int state = step % profile.ExcitationStates;
            Assert.Equal((profile.ExcitationCoilA[state], profile.ExcitationCoilB[state]), rig.Coils());
        }
        Assert.Equal(2 * profile.ExcitationStates, rig.Drive.TotalSteps);
        Assert.Equal(2000, rig.Drive.LastIntervalMicros);
        rig.Drive.Release();
        Assert.Equal((0, 0), rig.Coils());
        Assert.False(rig.Drive.Energized);
    }

    /// <summary>An output that counts the calls made to it (each one an adapter call on the device).</summary>
    private sealed class CountingOutput : PosFirmware.Hal.IDigitalOutput
    {
        private readonly PosFirmware.Hal.IDigitalOutput _inner;

        public CountingOutput(PosFirmware.Hal.IDigitalOutput inner) => _inner = inner;

        public int Writes { get; private set; }

        public bool Level => _inner.Level;

        public void Write(bool high)
        {
            Writes++;
            _inner.Write(high);
        }
    }

    /// <summary>The four inputs' levels of an excitation state (A, B, /A, /B), from the table.</summary>
    private static bool[] Inputs(MechanismProfile p, int state) =>
        new[] { p.ExcitationCoilA[state] > 0, p.ExcitationCoilB[state] > 0, p.ExcitationCoilA[state] < 0, p.ExcitationCoilB[state] < 0 };

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_step_writes_only_the_inputs_it_changes(string name)
    {
        var profile = Profiles.Load(name);
        var board = new VirtualBoard(1);
        var pins = new[] { "MT_A", "MT_B", "MT_nA", "MT_nB" }.Select(n => new CountingOutput(board.OutputPin("motor", n))).ToArray();
        var drive = new StepperDrive(profile, new PosFirmware.Hal.PinByPinPort(pins), board.Clock, 100);
        int Calls() => pins.Sum(p => p.Writes);
        int start = Calls();
        drive.Energize();
        Assert.Equal(Inputs(profile, 0).Count(high => high), Calls() - start);
        for (int step = 1; step <= 2 * profile.ExcitationStates; step++)
        {
            board.Clock.DelayMicros(2000);
            int before = Calls();
            drive.Step();
            var from = Inputs(profile, (step - 1) % profile.ExcitationStates);
            var to = Inputs(profile, step % profile.ExcitationStates);
            int changed = Enumerable.Range(0, 4).Count(i => from[i] != to[i]);
            Assert.Equal(changed, Calls() - before);
            // 1-2 phase excitation: one input per step, a quarter of writing all four.
            Assert.Equal(1, changed);
            Assert.Equal(to, pins.Select(p => p.Level).ToArray());
        }
        int held = Inputs(profile, drive.TotalSteps == 0 ? 0 : (int)(drive.TotalSteps % profile.ExcitationStates)).Count(high => high);
        int beforeRelease = Calls();
        drive.Release();
        Assert.Equal(held, Calls() - beforeRelease);
        Assert.All(pins, p => Assert.False(p.Level));
        // One port write (one adapter call) for the energising, each step and the release.
        Assert.Equal(1 + drive.TotalSteps + 1, drive.PhaseWrites);
    }

    /// <summary>An output that records each write, with its phase, into a shared list.</summary>
    private sealed class RecordingOutput(PosFirmware.Hal.IDigitalOutput inner, int phase, List<(int Phase, bool High)> writes) : PosFirmware.Hal.IDigitalOutput
    {
        public bool Level => inner.Level;

        public void Write(bool high)
        {
            writes.Add((phase, high));
            inner.Write(high);
        }
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Phases_are_written_falling_first_then_rising_each_in_phase_order_as_a_look_at_every_phase_gives(string name)
    {
        var profile = Profiles.Load(name);
        var board = new VirtualBoard(1);
        var writes = new List<(int Phase, bool High)>();
        var pins = new[] { "MT_A", "MT_B", "MT_nA", "MT_nB" }.Select((n, i) => new RecordingOutput(board.OutputPin("motor", n), i, writes)).ToArray();
        var drive = new StepperDrive(profile, new PosFirmware.Hal.PinByPinPort(pins), board.Clock, 100);
        // The order a look at each of the four phases in turn gives: falls A, B, /A, /B, then rises.
        List<(int, bool)> Expected(bool[] from, bool[] to) =>
            Enumerable.Range(0, 4).Where(i => from[i] && !to[i]).Select(i => (i, false))
                .Concat(Enumerable.Range(0, 4).Where(i => !from[i] && to[i]).Select(i => (i, true))).ToList();
        var none = new bool[4];
        for (int start = 0; start < profile.ExcitationStates; start++)
        {
            writes.Clear();
            drive.Energize();
            var held = Inputs(profile, start);
            Assert.Equal(Expected(none, held), writes);
            for (int step = 1; step <= profile.ExcitationStates + 1; step++)
            {
                board.Clock.DelayMicros(2000);
                writes.Clear();
                drive.Step();
                var to = Inputs(profile, (start + step) % profile.ExcitationStates);
                Assert.Equal(Expected(held, to), writes);
                held = to;
            }
            writes.Clear();
            drive.Release();
            // A release drops the phases held high in phase order (two of them in a full step).
            Assert.Equal(Expected(held, none), writes);
            // The steps went one state past a whole turn: the next round starts one state further on.
            board.Clock.DelayMicros(2000);
        }
        for (int mask = 1; mask < 16; mask++)
        {
            Assert.Equal(Enumerable.Range(0, 4).First(i => (mask & (1 << i)) != 0), PosFirmware.Hal.PinByPinPort.LowestBit(mask));
        }
    }

    [Fact]
    public void A_new_excitation_table_is_the_one_the_next_step_writes()
    {
        // The drive keeps each state's levels per table: a table put in later must be the one written.
        var profile = Profiles.Seiko();
        var rig = new Rig(profile);
        rig.Drive.Energize();
        rig.Board.Clock.DelayMicros(5000);
        rig.Drive.Step();
        Assert.Equal((profile.ExcitationCoilA[1], profile.ExcitationCoilB[1]), rig.Coils());
        var fullStep = Profiles.Seiko(("excitation", "HHLL,LHHL,LLHH,HLLH"));
        profile.ExcitationCoilA = fullStep.ExcitationCoilA;
        profile.ExcitationCoilB = fullStep.ExcitationCoilB;
        rig.Board.Clock.DelayMicros(5000);
        rig.Drive.Step();
        Assert.Equal((fullStep.ExcitationCoilA[2], fullStep.ExcitationCoilB[2]), rig.Coils());
    }

    [Fact]
    public void A_step_before_energising_is_refused()
    {
        var rig = new Rig(Profiles.Seiko());
        Assert.Throws<PosFirmware.Hal.CheckFailedException>(() => rig.Drive.Step());
    }

    [Fact]
    public void The_interval_follows_the_acceleration_table_from_standstill_and_never_beats_the_rate_limit()
    {
        var profile = Profiles.Seiko(("accelerationMicros", "5000,3000,2000,1000"));
        var rig = new Rig(profile);
        rig.Drive.Energize();
        const double slowPps = 100_000;  // a rate limit far above the table: the table decides
        var intervals = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            long next = rig.Drive.MinNextIntervalMicros(7200, slowPps, 0);
            intervals.Add(next);
            rig.Board.Clock.DelayMicros(next);
            rig.Drive.Step();
        }
        Assert.Equal(new long[] { 5000, 3000, 2000, 1000, 1000, 1000 }, intervals);
        // 400 pps allows no interval under 2.5 ms (+1 us of rounding), whatever the table says.
        Assert.Equal(2501, rig.Drive.MinNextIntervalMicros(7200, 400, 0));
        Assert.Equal(2751, rig.Drive.MinNextIntervalMicros(7200, 400, 10));
        // After a release the ramp starts again at the table's first entry.
        rig.Drive.Release();
        rig.Drive.Energize();
        Assert.Equal(5000, rig.Drive.MinNextIntervalMicros(7200, slowPps, 0));
    }

    [Fact]
    public void The_acceleration_percent_scales_every_entry()
    {
        var rig = new Rig(Profiles.Seiko(("accelerationMicros", "5000,3000")), accelerationPercent: 70);
        rig.Drive.Energize();
        Assert.Equal(3500, rig.Drive.MinNextIntervalMicros(7200, 100_000, 0));
        rig.Board.Clock.DelayMicros(3500);
        rig.Drive.Step();
        Assert.Equal(2100, rig.Drive.MinNextIntervalMicros(7200, 100_000, 0));
    }

    [Fact]
    public void The_next_interval_after_random_steps_is_the_scaled_table_read_entry_by_entry_and_follows_a_new_table()
    {
        // The drive scales its table once per table; the reference scales each entry as it reads it.
        const int seed = 8_2026;
        try
        {
            var random = new Random(seed);
            int percent = random.Next(50, 150);
            var profile = Profiles.Seiko();
            var rig = new Rig(profile, accelerationPercent: percent);
            long Scale(int micros) => (long)micros * percent / 100;
            long Reference(int[] table, long last)
            {
                if (last < 0)
                {
                    return Scale(table[0]);
                }
                if (last >= Scale(table[0]))
                {
                    return Scale(table[1]);
                }
                for (int i = 1; i < table.Length; i++)
                {
                    if (Scale(table[i]) < last)
                    {
                        return Scale(table[i]);
                    }
                }
                return Scale(table[^1]);
            }

            rig.Drive.Energize();
            Assert.Equal(Reference(profile.AccelerationMicros, -1), rig.Drive.NextIntervalMicros);
            for (int step = 0; step < 400; step++)
            {
                if (step == 200)
                {
                    profile.AccelerationMicros = new[] { 6000, 4000, 2500, 1800, 1200, 900 };
                }
                // At pace for the last steps before the new table: the search then stands deep in the old one.
                bool atPace = step >= 150 && step < 200;
                rig.Board.Clock.DelayMicros(!atPace && random.Next(3) == 0 ? random.Next(500, 7000) : rig.Drive.NextIntervalMicros + random.Next(0, 3));
                rig.Drive.Step();
                Assert.True(Reference(profile.AccelerationMicros, rig.Drive.LastIntervalMicros) == rig.Drive.NextIntervalMicros,
                    $"seed {seed}: step {step} after {rig.Drive.LastIntervalMicros} us");
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"seed {seed}", e);
        }
    }

    [Fact]
    public void A_cap_set_again_unchanged_leaves_the_lookup_a_fresh_one_would_make()
    {
        // Two drives stepped alike; at each step the first is given the cap it holds again (kept), the second
        // another cap and then the first's (looked up afresh). The next interval, the looks charged and the
        // pace band must agree; now and then both take a new cap.
        const int seed = 8_2026;
        var random = new Random(seed);
        var profile = Profiles.Seiko();
        var kept = new Rig(profile);
        var fresh = new Rig(profile);
        long cap = 300;
        kept.Drive.SetRateLimit(cap);
        fresh.Drive.SetRateLimit(cap);
        kept.Drive.Energize();
        fresh.Drive.Energize();
        for (int step = 0; step < 400; step++)
        {
            int wait = random.Next(4) == 0 ? random.Next(1, 3000) : random.Next(250, 600);
            kept.Board.Clock.DelayMicros(wait);
            fresh.Board.Clock.DelayMicros(wait);
            kept.Drive.Step();
            fresh.Drive.Step();
            if (random.Next(8) == 0)
            {
                cap = random.Next(1, 700);
            }
            kept.Drive.SetRateLimit(cap);
            fresh.Drive.SetRateLimit(cap + 1);
            fresh.Drive.SetRateLimit(cap);
            Assert.True(NextIntervalByTable(profile.AccelerationMicros, kept.Drive.LastIntervalMicros, cap) == kept.Drive.NextIntervalMicros,
                $"next interval at step {step}, seed {seed}");
            Assert.True(fresh.Drive.NextIntervalMicros == kept.Drive.NextIntervalMicros, $"next interval at step {step}, seed {seed}");
            Assert.True(fresh.Drive.LookupSteps == kept.Drive.LookupSteps, $"looks at step {step}, seed {seed}");
            Assert.True(fresh.Drive.PaceBandMinMicros == kept.Drive.PaceBandMinMicros && fresh.Drive.PaceBandMaxMicros == kept.Drive.PaceBandMaxMicros,
                $"pace band at step {step}, seed {seed}");
        }
    }

    /// <summary>The datasheet's rule read straight: the longest entry after the start step shorter than the last interval (the last entry at the most), never under the cap.</summary>
    private static long NextIntervalByTable(int[] table, long lastIntervalMicros, long capMicros)
    {
        long next = table[0];
        if (lastIntervalMicros >= 0)
        {
            int i = 1;
            while (i < table.Length - 1 && table[i] >= lastIntervalMicros)
            {
                i++;
            }
            next = table[i];
        }
        return Math.Max(next, capMicros);
    }
}
