using PosFirmware.Emulator.Core;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Charges the head driver's CPU time on the device in virtual time, so a run shows whether the firmware's
/// own work fits in each line. The driver is unchanged: its pins and its line entry are wrapped, and each
/// call charges the work the driver does before it, counted from the driver's structure as it stands:
/// <list type="bullet">
/// <item>a dot line: copy the line and plan its passes (a byte loop for the count, a dot loop to cut the
/// passes), the supply sag and motor rate in double maths;</item>
/// <item>a pass sent over SPI: the byte loop that masks it, and two dot loops over its span (the same-dot
/// rest check and the bookkeeping after the strobe);</item>
/// <item>a latch pulse: the strobe time in double maths;</item>
/// <item>a strobe: an adapter call and the RMT send's two allocations (a command object and its list);</item>
/// <item>a motor phase write, an ADC read, a sensor read: an adapter call (a step: its rate in double maths).</item>
/// </list>
/// CPU time runs the board's clock on, so work done while the driver would have waited anyway costs
/// nothing, and work on the critical path delays the print as it would on the device.
/// </summary>
public sealed class CpuCostModel
{
    private readonly VirtualClock _clock;
    private readonly MechanismProfile _p;
    private double _owedMicros;
    private long _lineStartNanos = -1;
    private double _lineCpuMicros;

    /// <summary>Creates the model on a clock for a mechanism.</summary>
    public CpuCostModel(VirtualClock clock, MechanismProfile profile, CpuCosts costs)
    {
        _clock = clock;
        _p = profile;
        Costs = costs;
    }

    /// <summary>The costs charged.</summary>
    public CpuCosts Costs { get; }

    /// <summary>CPU time charged so far, in us.</summary>
    public double ChargedMicros { get; private set; }

    /// <summary>Per dot line printed: the share of the line's time the CPU was busy.</summary>
    public RatioStats LineShare { get; } = new();

    /// <summary>Charges CPU time: the clock runs on by it (whole nanoseconds; the rest is carried).</summary>
    public void Charge(double micros)
    {
        if (micros <= 0)
        {
            return;
        }
        ChargedMicros += micros;
        _lineCpuMicros += micros;
        _owedMicros += micros;
        long nanos = (long)(_owedMicros * 1000);
        if (nanos > 0)
        {
            _owedMicros -= nanos / 1000.0;
            _clock.Advance(nanos);
        }
    }

    /// <summary>The pins as the driver should get them: every call charged.</summary>
    public PrintHeadPins Wrap(PrintHeadPins pins)
    {
        var strobes = new IPulseOutput[pins.Strobes.Length];
        for (int i = 0; i < strobes.Length; i++)
        {
            strobes[i] = new ChargedPulse(this, pins.Strobes[i]);
        }
        // The driver writes the four phases in order, first to last, for every step and release: all four
        // calls (and the step's rate in double maths) are charged before the first, so the phases change at
        // one instant as a single port write would, and the motor model sees no half-written state.
        var phases = new IDigitalOutput[pins.MotorPhases.Length];
        for (int i = 0; i < phases.Length; i++)
        {
            phases[i] = i == 0
                ? new ChargedOutput(this, pins.MotorPhases[i], 10, 0, phases.Length)
                : new ChargedOutput(this, pins.MotorPhases[i], 0, 0, 0);
        }
        return new PrintHeadPins
        {
            Data = new ChargedSpi(this, pins.Data, _p.DotsPerLine),
            Latch = new ChargedOutput(this, pins.Latch, 0, 40),
            Strobes = strobes,
            MotorPhases = phases,
            Thermistor = new ChargedAdc(this, pins.Thermistor, 30),
            Supply = new ChargedAdc(this, pins.Supply, 10),
            PaperOut = new ChargedInput(this, pins.PaperOut),
            PlatenOpen = new ChargedInput(this, pins.PlatenOpen),
        };
    }

    /// <summary>The driver as its caller should get it: each dot line charged its copy and planning.</summary>
    public IDotLineSink Wrap(IDotLineSink driver) => new ChargedSink(this, driver, _p);

    private void StartLine()
    {
        long now = _clock.NowNanos;
        if (_lineStartNanos >= 0 && now > _lineStartNanos)
        {
            LineShare.Add(_lineCpuMicros * 1000.0 / (now - _lineStartNanos));
        }
        _lineStartNanos = now;
        _lineCpuMicros = 0;
    }

    private sealed class ChargedSink : IDotLineSink
    {
        private readonly CpuCostModel _m;
        private readonly IDotLineSink _inner;
        private readonly MechanismProfile _p;

        public ChargedSink(CpuCostModel model, IDotLineSink inner, MechanismProfile profile)
        {
            _m = model;
            _inner = inner;
            _p = profile;
        }

        public int DotsPerLine => _inner.DotsPerLine;

        public PrintStatus PrintLine(byte[] dots, int offset)
        {
            _m.StartLine();
            var c = _m.Costs;
            // Copy and count (byte loops), cut the passes (a dot loop to the last black dot), sag and rate.
            int lastBlack = -1;
            for (int i = 0; i < _p.BytesPerLine; i++)
            {
                if (dots[offset + i] != 0)
                {
                    lastBlack = i * 8 + 7;
                }
            }
            _m.Charge(2 * _p.BytesPerLine * c.ByteIterationMicros + (lastBlack + 1) * c.DotIterationMicros + 20 * c.DoubleOperationMicros);
            return _inner.PrintLine(dots, offset);
        }

        public PrintStatus Feed(int dotLines) => _inner.Feed(dotLines);
    }

    private sealed class ChargedSpi : ISpiBus
    {
        private readonly CpuCostModel _m;
        private readonly ISpiBus _inner;

        public ChargedSpi(CpuCostModel model, ISpiBus inner, int dots)
        {
            _m = model;
            _inner = inner;
        }

        public int ClockHertz => _inner.ClockHertz;

        public void Write(byte[] buffer, int offset, int count)
        {
            int first = -1;
            int last = -1;
            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != 0)
                {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            int span = first < 0 ? 0 : (last - first + 1) * 8;
            var c = _m.Costs;
            _m.Charge(count * c.ByteIterationMicros + 2 * span * c.DotIterationMicros + c.AdapterCallMicros);
            _inner.Write(buffer, offset, count);
        }
    }

    private sealed class ChargedOutput : IDigitalOutput
    {
        private readonly CpuCostModel _m;
        private readonly IDigitalOutput _inner;
        private readonly int _doublesOnWrite;
        private readonly int _doublesOnLow;
        private readonly int _calls;

        public ChargedOutput(CpuCostModel model, IDigitalOutput inner, int doublesOnWrite, int doublesOnLow = 0, int calls = 1)
        {
            _m = model;
            _inner = inner;
            _doublesOnWrite = doublesOnWrite;
            _doublesOnLow = doublesOnLow;
            _calls = calls;
        }

        public bool Level => _inner.Level;

        public void Write(bool high)
        {
            var c = _m.Costs;
            _m.Charge(_calls * c.AdapterCallMicros + (_doublesOnWrite + (high ? 0 : _doublesOnLow)) * c.DoubleOperationMicros);
            _inner.Write(high);
        }
    }

    private sealed class ChargedPulse : IPulseOutput
    {
        private readonly CpuCostModel _m;
        private readonly IPulseOutput _inner;

        public ChargedPulse(CpuCostModel model, IPulseOutput inner)
        {
            _m = model;
            _inner = inner;
        }

        public bool Busy => _inner.Busy;

        public void Pulse(int widthMicros)
        {
            var c = _m.Costs;
            _m.Charge(c.AdapterCallMicros + 2 * c.AllocationMicros);
            _inner.Pulse(widthMicros);
        }
    }

    private sealed class ChargedAdc : IAdcChannel
    {
        private readonly CpuCostModel _m;
        private readonly IAdcChannel _inner;
        private readonly int _doubles;

        public ChargedAdc(CpuCostModel model, IAdcChannel inner, int doubles)
        {
            _m = model;
            _inner = inner;
            _doubles = doubles;
        }

        public int ReadMillivolts()
        {
            var c = _m.Costs;
            _m.Charge(c.AdapterCallMicros + _doubles * c.DoubleOperationMicros);
            return _inner.ReadMillivolts();
        }
    }

    private sealed class ChargedInput : IDigitalInput
    {
        private readonly CpuCostModel _m;
        private readonly IDigitalInput _inner;

        public ChargedInput(CpuCostModel model, IDigitalInput inner)
        {
            _m = model;
            _inner = inner;
        }

        public bool Read()
        {
            _m.Charge(_m.Costs.AdapterCallMicros);
            return _inner.Read();
        }

        public void SetEdgeHandler(PinEdgeHandler handler) => _inner.SetEdgeHandler(handler);
    }
}
