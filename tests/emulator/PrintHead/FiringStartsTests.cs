using PosFirmware.Emulator.PrintHead;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The firings under way keep their conditions in one record each; opened and released in any order, every
/// open record must read back what it was opened with, and no record may be handed out twice while open.
/// The reference is the plain form: a list of the firings open, each with its own values.
/// </summary>
public class FiringStartsTests
{
    private readonly ITestOutputHelper _output;

    public FiringStartsTests(ITestOutputHelper output) => _output = output;

    private sealed class Opened
    {
        public int Firing;
        public int DotsLeft;
        public long StartNanos;
        public double EnergyAtStart;
        public double Volts;
        public double Celsius;
        public double PeriodMicros;
        public long Row;
        public long Position;
        public bool OnPaper;
    }

    [Fact]
    public void Records_opened_and_released_in_random_order_read_back_what_they_were_opened_with()
    {
        int seed = Environment.TickCount;
        _output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        const int dots = 384;
        var firings = new FiringStarts(dots);
        var open = new List<Opened>();
        int heating = 0;
        for (int step = 0; step < 20_000; step++)
        {
            bool opening = open.Count == 0 || (heating < dots && random.Next(2) == 0);
            if (opening)
            {
                var o = new Opened
                {
                    DotsLeft = random.Next(1, Math.Min(dots - heating, 48) + 1),
                    StartNanos = random.NextInt64(),
                    EnergyAtStart = random.NextDouble(),
                    Volts = 20 + random.NextDouble() * 5,
                    Celsius = random.NextDouble() * 80,
                    PeriodMicros = random.NextDouble() * 3000,
                    Row = random.NextInt64(0, 100_000),
                    Position = random.NextInt64(-1000, 1_000_000),
                    OnPaper = random.Next(4) != 0,
                };
                o.Firing = firings.Open(o.DotsLeft, o.StartNanos, o.EnergyAtStart, o.Volts, o.Celsius, o.PeriodMicros, o.Row, o.OnPaper, o.Position);
                Assert.True(open.TrueForAll(x => x.Firing != o.Firing), $"seed {seed}: record {o.Firing} handed out while open");
                open.Add(o);
                heating += o.DotsLeft;
            }
            else
            {
                var o = open[random.Next(open.Count)];
                int finished = random.Next(1, o.DotsLeft + 1);
                firings.Release(o.Firing, finished);
                o.DotsLeft -= finished;
                heating -= finished;
                if (o.DotsLeft == 0)
                {
                    open.Remove(o);
                }
            }
            foreach (var o in open)
            {
                ref readonly FiringStart r = ref firings[o.Firing];
                Assert.True(r.StartNanos == o.StartNanos && r.Row == o.Row && r.Position == o.Position && r.OnPaper == o.OnPaper
                    && r.DotsHeating == o.DotsLeft
                    && BitConverter.DoubleToInt64Bits(r.EnergyAtStart) == BitConverter.DoubleToInt64Bits(o.EnergyAtStart)
                    && BitConverter.DoubleToInt64Bits(r.Volts) == BitConverter.DoubleToInt64Bits(o.Volts)
                    && BitConverter.DoubleToInt64Bits(r.Celsius) == BitConverter.DoubleToInt64Bits(o.Celsius)
                    && BitConverter.DoubleToInt64Bits(r.PeriodMicros) == BitConverter.DoubleToInt64Bits(o.PeriodMicros),
                    $"seed {seed}, step {step}: record {o.Firing} does not read back what it was opened with");
            }
        }
    }

    [Fact]
    public void More_firings_than_dots_heating_is_refused()
    {
        var firings = new FiringStarts(2);
        firings.Open(1, 0, 0, 24, 25, 1000, 0, true, 0);
        firings.Open(1, 0, 0, 24, 25, 1000, 0, true, 0);
        Assert.Throws<InvalidOperationException>(() => firings.Open(1, 0, 0, 24, 25, 1000, 0, true, 0));
    }
}
