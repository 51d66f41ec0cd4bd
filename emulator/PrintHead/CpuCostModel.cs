using PosFirmware.Emulator.Core;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Charges the head driver's CPU time on the device in virtual time, so a run shows whether the firmware's
/// own work fits in each line. Two sources, each charged at the moment the work happens:
/// <list type="bullet">
/// <item>the driver's own loops and maths, which it reports as it does them (<see cref="ICpuMeter"/>: byte and
/// dot iterations, double and single-precision operations, native array calls);</item>
/// <item>its calls into the hardware adapters, counted by wrapping its pins: a pin write, an ADC read, an SPI
/// send, a sensor read, and an RMT pulse (strobe or latch: the adapter's clock read, the item halves it rewrites in its prebuilt
/// buffer, and the send; no allocation).</item>
/// </list>
/// CPU time runs the board's clock on, so managed work done while hardware-timed work runs (an RMT strobe
/// pulse, the motor's step interval, a wait the driver would have made anyway) overlaps it, and work on the
/// critical path delays the print as it would on the device. The SPI send waits for its transfer, as the
/// device's blocking write does. Not charged: the driver's clock reads and the plain integer arithmetic
/// outside loops.
/// </summary>
public sealed class CpuCostModel : ICpuMeter
{
    private readonly VirtualClock _clock;
    private double _owedMicros;
    private long _lineStartNanos = -1;
    private double _lineCpuMicros;

    /// <summary>Creates the model on a clock.</summary>
    public CpuCostModel(VirtualClock clock, CpuCosts costs)
    {
        _clock = clock;
        Costs = costs;
    }

    /// <summary>The costs charged.</summary>
    public CpuCosts Costs { get; }

    /// <summary>CPU time charged so far, in us.</summary>
    public double ChargedMicros { get; private set; }

    /// <summary>Per dot line printed: the share of the line's time the CPU was busy.</summary>
    public RatioStats LineShare { get; } = new();

    /// <inheritdoc />
    public void Count(CpuWork work, int times)
    {
        double each = work switch
        {
            CpuWork.ByteIteration => Costs.ByteIterationMicros,
            CpuWork.DotIteration => Costs.DotIterationMicros,
            CpuWork.DoubleOperation => Costs.DoubleOperationMicros,
            CpuWork.SingleOperation => Costs.SingleOperationMicros,
            CpuWork.NativeCall => Costs.AdapterCallMicros,
            _ => throw new ArgumentOutOfRangeException(nameof(work), work, "unknown kind of work"),
        };
        WorkMicros[(int)work] += times * each;
        Charge(times * each, PathItem.CpuDriver);
    }

    /// <summary>CPU time charged for the driver's own work, by <see cref="CpuWork"/>, in us.</summary>
    public double[] WorkMicros { get; } = new double[Enum.GetValues<CpuWork>().Length];

    /// <summary>Where each dot line's time went (heat, the CPU's work by kind, the waits).</summary>
    public PathAccount Path { get; } = new();

    /// <summary>Charges CPU time: the clock runs on by it (whole nanoseconds; the rest is carried).</summary>
    public void Charge(double micros) => Charge(micros, PathItem.CpuDriver);

    /// <summary>Charges CPU time for work of a kind, and accounts for it on the path.</summary>
    public void Charge(double micros, PathItem item) => ChargeNow(micros, item);

    private void ChargeNow(double micros, PathItem item)
    {
        if (micros <= 0)
        {
            return;
        }
        long from = _clock.NowNanos;
        ChargedMicros += micros;
        _lineCpuMicros += micros;
        _owedMicros += micros;
        long nanos = (long)(_owedMicros * 1000);
        if (nanos > 0)
        {
            _owedMicros -= nanos / 1000.0;
            _clock.Advance(nanos);
        }
        Path.Work(item, from, _clock.NowNanos);
    }

    /// <summary>The pins as the driver should get them: every call charged.</summary>
    public PrintHeadPins Wrap(PrintHeadPins pins)
    {
        var strobes = new IPulseOutput[pins.Strobes.Length];
        for (int i = 0; i < strobes.Length; i++)
        {
            strobes[i] = new ChargedPulse(this, pins.Strobes[i], PathItem.CpuStrobe);
        }
        return new PrintHeadPins
        {
            Data = new ChargedSpi(this, pins.Data),
            Latch = pins.Latch == null ? null : new ChargedOutput(this, pins.Latch, 1, PathItem.CpuLatch),
            LatchPulse = pins.LatchPulse == null ? null : new ChargedPulse(this, pins.LatchPulse, PathItem.CpuLatch),
            Strobes = strobes,
            MotorPhases = new ChargedPort(this, pins.MotorPhases),
            Thermistor = new ChargedAdc(this, pins.Thermistor),
            Supply = new ChargedAdc(this, pins.Supply),
            PaperOut = new ChargedInput(this, pins.PaperOut),
            PlatenOpen = new ChargedInput(this, pins.PlatenOpen),
            HeadPower = pins.HeadPower == null ? null : new ChargedOutput(this, pins.HeadPower, 1, PathItem.CpuHeadPower),
        };
    }

    /// <summary>The driver as its caller should get it: each dot line starts a new share of the CPU.</summary>
    public IDotLineSink Wrap(IDotLineSink driver) => new LineSplitter(this, driver);

    private void StartLine()
    {
        long now = _clock.NowNanos;
        double share = 0;
        if (_lineStartNanos >= 0 && now > _lineStartNanos)
        {
            share = _lineCpuMicros * 1000.0 / (now - _lineStartNanos);
            LineShare.Add(share);
        }
        Path.StartLine(now, share);
        _lineStartNanos = now;
        _lineCpuMicros = 0;
    }

    private sealed class LineSplitter : IDotLineSink
    {
        private readonly CpuCostModel _m;
        private readonly IDotLineSink _inner;

        public LineSplitter(CpuCostModel model, IDotLineSink inner)
        {
            _m = model;
            _inner = inner;
        }

        public int DotsPerLine => _inner.DotsPerLine;

        public PrintStatus PrintLine(byte[] dots, int offset)
        {
            _m.StartLine();
            return _inner.PrintLine(dots, offset);
        }

        public PrintStatus Feed(int dotLines) => _inner.Feed(dotLines);
    }

    private sealed class ChargedSpi : ISpiBus
    {
        private readonly CpuCostModel _m;
        private readonly ISpiBus _inner;

        public ChargedSpi(CpuCostModel model, ISpiBus inner)
        {
            _m = model;
            _inner = inner;
        }

        public int ClockHertz => _inner.ClockHertz;

        public void Write(byte[] buffer, int offset, int count)
        {
            _m.Charge(_m.Costs.AdapterCallMicros, PathItem.CpuSpi);
            long sent = _m._clock.NowNanos;
            _inner.Write(buffer, offset, count);
            _m.Path.Work(PathItem.CpuSpi, sent, _m._clock.NowNanos);
        }
    }

    private sealed class ChargedOutput : IDigitalOutput
    {
        private readonly CpuCostModel _m;
        private readonly IDigitalOutput _inner;
        private readonly int _calls;
        private readonly PathItem _item;

        public ChargedOutput(CpuCostModel model, IDigitalOutput inner, int calls, PathItem item)
        {
            _m = model;
            _inner = inner;
            _calls = calls;
            _item = item;
        }

        public bool Level => _inner.Level;

        public void Write(bool high)
        {
            _m.Charge(_calls * _m.Costs.AdapterCallMicros, _item);
            _inner.Write(high);
        }
    }

    /// <summary>
    /// The motor's phase port as the device's pin-by-pin port drives it: one adapter call for each phase the
    /// write changes, then the levels set at once where the calls end.
    /// </summary>
    private sealed class ChargedPort(CpuCostModel model, IDigitalPort inner) : IDigitalPort
    {
        public int Levels => inner.Levels;

        public void Write(int levels)
        {
            int changed = System.Numerics.BitOperations.PopCount((uint)(levels ^ inner.Levels));
            model.ChargeNow(changed * model.Costs.AdapterCallMicros, PathItem.CpuMotor);
            inner.Write(levels);
        }
    }

    /// <summary>
    /// An RMT output as RmtPulse drives it: a clock read (for Busy and the lead), the halves of its prebuilt
    /// items that change (a pulse's width when it differs from the last; a send ahead's lead always), 2 bytes
    /// each, and the send. A strobe's pulse is heat on the path; a latch's is not.
    /// </summary>
    private sealed class ChargedPulse : IPulseOutput
    {
        private readonly CpuCostModel _m;
        private readonly IPulseOutput _inner;
        private readonly PathItem _item;
        private int _lastWidth = -1;
        private int _lastAheadWidth = -1;

        public ChargedPulse(CpuCostModel model, IPulseOutput inner, PathItem item)
        {
            _m = model;
            _inner = inner;
            _item = item;
        }

        public bool Busy => _inner.Busy;

        public void Pulse(int widthMicros)
        {
            int halves = widthMicros != _lastWidth ? 1 : 0;
            _lastWidth = widthMicros;
            Send(halves);
            _inner.Pulse(widthMicros);
            Heat(_m._clock.NowNanos, widthMicros);
        }

        public void PulseAt(long riseMicros, int widthMicros)
        {
            int halves = 1 + (widthMicros != _lastAheadWidth ? 1 : 0);
            _lastAheadWidth = widthMicros;
            Send(halves);
            _inner.PulseAt(riseMicros, widthMicros);
            Heat(Math.Max(riseMicros * 1000L, _m._clock.NowNanos), widthMicros);
        }

        private void Send(int halvesRewritten)
        {
            var c = _m.Costs;
            _m.Charge(2 * c.AdapterCallMicros + halvesRewritten * RmtHalfItemBytes * c.ByteIterationMicros, _item);
        }

        private void Heat(long riseNanos, int widthMicros)
        {
            if (_item == PathItem.CpuStrobe)
            {
                _m.Path.StrobeFrom(riseNanos, widthMicros * 1000L);
            }
        }

        private const int RmtHalfItemBytes = 2;
    }

    private sealed class ChargedAdc : IAdcChannel
    {
        private readonly CpuCostModel _m;
        private readonly IAdcChannel _inner;

        public ChargedAdc(CpuCostModel model, IAdcChannel inner)
        {
            _m = model;
            _inner = inner;
        }

        public int ReadMillivolts()
        {
            _m.Charge(_m.Costs.AdapterCallMicros, PathItem.CpuSensors);
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
            _m.Charge(_m.Costs.AdapterCallMicros, PathItem.CpuSensors);
            return _inner.Read();
        }

        public void SetEdgeHandler(PinEdgeHandler handler) => _inner.SetEdgeHandler(handler);
    }
}
