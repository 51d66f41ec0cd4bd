namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Turns the energy actually delivered to a dot into the darkness it leaves on the paper, from physics of
/// its own rather than the driver's equations: the coating darkens once the dot's spot passes its
/// colour-forming temperature, so the energy that counts is scaled by how far the dot has to climb. A dot
/// starts from the head's temperature plus what is left of its own last firing (the heater and its glaze
/// cool with one time constant), so a dot fired every line needs less than the first dot after a rest, and a
/// cold head needs more than a warm one. The effective energy, in units of the paper's reference energy on
/// this mechanism, goes through the paper's sensitivity curve.
/// </summary>
public sealed class PaperModel
{
    private readonly double[] _residualKelvin;
    private readonly long[] _lastEndNanos;
    // The settings are fixed once built; the dots of one firing share their time since the last.
    private double _kelvinPerMicrojoule = double.NaN;
    private long _decaySinceNanos = -1;
    private double _decay;

    /// <summary>Creates the model for a head of a number of dots.</summary>
    /// <param name="dots">Dots across the head.</param>
    /// <param name="referenceMicrojoules">The paper's rated energy on the mechanism for a dot starting at 25 degC (the mechanism datasheet's table).</param>
    /// <param name="sensitivity">The paper's curve.</param>
    public PaperModel(int dots, double referenceMicrojoules, PaperSensitivity sensitivity)
    {
        ReferenceMicrojoules = referenceMicrojoules;
        Sensitivity = sensitivity;
        _residualKelvin = new double[dots];
        _lastEndNanos = new long[dots];
        Array.Fill(_lastEndNanos, long.MinValue / 4);
    }

    /// <summary>The paper's rated energy per dot and firing at 25 degC, in uJ.</summary>
    public double ReferenceMicrojoules { get; }

    /// <summary>The paper's sensitivity curve.</summary>
    public PaperSensitivity Sensitivity { get; }

    /// <summary>
    /// Temperature at which the coating forms its colour under a short pulse. UNCONFIRMED: paper makers give
    /// 70-75 degC for the static onset (kanzan.de); a dot heated for under a millisecond has to go further.
    /// 111 degC is where both mechanisms' datasheet energies fall to zero when their temperature slopes are
    /// extended (LTPD245C: 0.2489 mJ / 0.002885 mJ/degC above 25; JX-2R-01: 0.13 mJ / 0.0015 mJ/degC).
    /// </summary>
    public double ColourCelsius { get; init; } = 111;

    /// <summary>The temperature the reference energy starts from.</summary>
    public double ReferenceCelsius { get; init; } = 25;

    /// <summary>
    /// Fraction of a dot's climb still stored in its heater and glaze right after it fires. UNCONFIRMED
    /// estimate (thin-film heads store heat in a glaze layer of some tens of micrometres under the heater).
    /// </summary>
    public double ResidualFraction { get; init; } = 0.15;

    /// <summary>Time constant with which that stored heat leaves, in us. UNCONFIRMED estimate.</summary>
    public double ResidualMicros { get; init; } = 2000;

    /// <summary>
    /// The effective energy ratio of a firing of a dot (the energy that would take a dot starting cold at the
    /// reference temperature to the same peak), and records the firing in the dot's history. The energy the
    /// paper's full density needs raises a dot from the reference to the colour temperature; the dot peaks
    /// at the head's temperature plus what is left of its last firing plus the rise of this one.
    /// </summary>
    public double Fire(int dot, long startNanos, long endNanos, double deliveredMicrojoules, double headCelsius)
    {
        if (double.IsNaN(_kelvinPerMicrojoule))
        {
            double climb = ColourCelsius - ReferenceCelsius;
            double full = Sensitivity.FullEnergyRatio();
            _kelvinPerMicrojoule = climb / (full * ReferenceMicrojoules);
        }
        double kelvinPerMicrojoule = _kelvinPerMicrojoule;
        double left = 0;
        long since = startNanos - _lastEndNanos[dot];
        if (since >= 0)
        {
            left = _residualKelvin[dot] * Decay(since);
        }
        double rise = left + deliveredMicrojoules * kelvinPerMicrojoule;
        _residualKelvin[dot] = ResidualFraction * rise;
        _lastEndNanos[dot] = endNanos;
        return (headCelsius + rise - ReferenceCelsius) / (kelvinPerMicrojoule * ReferenceMicrojoules);
    }

    /// <summary>
    /// Fires the dots dots[from..to) together (one start, one end, the same delivered energy and head
    /// temperature), each with its own history; writes each dot's effective energy ratio to ratios at the
    /// dot's index in dots. The same arithmetic as <see cref="Fire(int, long, long, double, double)"/> dot by dot.
    /// </summary>
    public void Fire(int[] dots, int from, int to, long startNanos, long endNanos, double deliveredMicrojoules, double headCelsius, double[] ratios) =>
        FireAndMark(dots, from, to, startNanos, endNanos, deliveredMicrojoules, headCelsius, ratios, null, 0, 0);

    /// <summary>
    /// Fires the dots dots[from..to) together as <see cref="Fire(int[], int, int, long, long, double, double, double[])"/>
    /// does and, given paper, marks them at a row in the same pass: each dot's darkness on the paper's curve and
    /// its overdrive past the smear point (ratio / smear ratio - 1) go to
    /// <see cref="PaperStrip.Mark(int, int, double, double, double)"/>'s arithmetic, to the bit, without going over
    /// the dots twice. Writes each dot's effective energy ratio to ratios when it is given.
    /// </summary>
    public void FireAndMark(int[] dots, int from, int to, long startNanos, long endNanos, double deliveredMicrojoules, double headCelsius,
        double[]? ratios, PaperStrip? paper, int row, double share)
    {
        if (double.IsNaN(_kelvinPerMicrojoule))
        {
            double climb = ColourCelsius - ReferenceCelsius;
            double full = Sensitivity.FullEnergyRatio();
            _kelvinPerMicrojoule = climb / (full * ReferenceMicrojoules);
        }
        double kelvinPerMicrojoule = _kelvinPerMicrojoule;
        double firingRise = deliveredMicrojoules * kelvinPerMicrojoule;
        double perRatio = kelvinPerMicrojoule * ReferenceMicrojoules;
        double residualFraction = ResidualFraction;
        double referenceCelsius = ReferenceCelsius;
        var curve = Sensitivity;
        double smearRatio = curve.SmearRatio;
        // A dot whose history (last end and stored heat, to the bit) is the previous dot's gets its result and
        // leaves its marks: neighbouring dots of a character or code mostly fired together before.
        long lastEndBefore = 0;
        long residualBitsBefore = 0;
        bool haveBefore = false;
        double residualAfter = 0;
        double ratio = 0;
        double darkShare = 0;
        double spill = 0;
        bool fades = false;
        bool smears = false;
        int width = paper == null ? 0 : paper.Width;
        bool onRows = paper != null && row >= 0;
        float[]? marked = null;
        float[]? next = null;
        long firingCount = 0;
        long fadedCount = 0;
        long smearCount = 0;
        double[] residualKelvin = _residualKelvin;
        long[] lastEndNanos = _lastEndNanos;
        for (int i = from; i < to; i++)
        {
            int dot = dots[i];
            long lastEnd = lastEndNanos[dot];
            long residualBits = BitConverter.DoubleToInt64Bits(residualKelvin[dot]);
            if (!haveBefore || lastEnd != lastEndBefore || residualBits != residualBitsBefore)
            {
                double left = 0;
                long since = startNanos - lastEnd;
                if (since >= 0)
                {
                    left = residualKelvin[dot] * Decay(since);
                }
                double rise = left + firingRise;
                residualAfter = residualFraction * rise;
                ratio = (headCelsius + rise - referenceCelsius) / perRatio;
                if (paper != null)
                {
                    double dark = curve.Darkness(ratio);
                    double over = ratio / smearRatio - 1.0;
                    darkShare = dark * share;
                    fades = dark < 1;
                    smears = over > 0;
                    spill = smears ? Math.Min(1.0, over * 2) * share : 0;
                }
                lastEndBefore = lastEnd;
                residualBitsBefore = residualBits;
                haveBefore = true;
            }
            residualKelvin[dot] = residualAfter;
            lastEndNanos[dot] = endNanos;
            if (ratios != null)
            {
                ratios[i] = ratio;
            }
            if (!onRows || (uint)dot >= (uint)width)
            {
                continue;
            }
            marked ??= paper!.MarkedRow(row);
            firingCount++;
            fadedCount += fades ? 1 : 0;
            marked[dot] = (float)Math.Min(1.0, marked[dot] + darkShare);
            if (smears)
            {
                smearCount++;
                next ??= paper!.MarkedRow(row + 1);
                next[dot] = (float)Math.Min(1.0, next[dot] + spill);
            }
        }
        paper?.CountMarks(firingCount, fadedCount, smearCount);
    }

    private double Decay(long sinceNanos)
    {
        if (sinceNanos != _decaySinceNanos)
        {
            _decaySinceNanos = sinceNanos;
            // The times between a dot's firings repeat (the same strobe and step timings line after line):
            // a small table keyed by the time keeps the factors already worked out.
            int slot = (int)((ulong)sinceNanos * 0x9E3779B97F4A7C15UL >> (64 - DecaySlotBits));
            if (_decayKeys[slot] == sinceNanos)
            {
                _decay = _decayValues[slot];
            }
            else
            {
                _decay = Math.Exp(-sinceNanos / 1000.0 / ResidualMicros);
                _decayKeys[slot] = sinceNanos;
                _decayValues[slot] = _decay;
            }
        }
        return _decay;
    }

    private const int DecaySlotBits = 8;
    private readonly long[] _decayKeys = NoDecayKeys();
    private readonly double[] _decayValues = new double[1 << DecaySlotBits];

    // A key no time between firings can be (they are never negative when looked up).
    private static long[] NoDecayKeys()
    {
        var keys = new long[1 << DecaySlotBits];
        Array.Fill(keys, -1L);
        return keys;
    }
}
