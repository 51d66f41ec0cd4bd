using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private readonly DotHistory[] _history;
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
        _history = new DotHistory[dots];
        Array.Fill(_history, new DotHistory { LastEndNanos = long.MinValue / 4, StartNanos = long.MinValue / 4, HeatPosition = long.MinValue / 4 });
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
    /// at the head's temperature plus what is left of its last firing plus the rise of this one. The firing's
    /// start and the paper position it started at are kept with it (<see cref="DotHistory"/>).
    /// </summary>
    public double Fire(int dot, long startNanos, long endNanos, double deliveredMicrojoules, double headCelsius, long heatPosition = NoPosition)
    {
        if (double.IsNaN(_kelvinPerMicrojoule))
        {
            double climb = ColourCelsius - ReferenceCelsius;
            double full = Sensitivity.FullEnergyRatio();
            _kelvinPerMicrojoule = climb / (full * ReferenceMicrojoules);
        }
        double kelvinPerMicrojoule = _kelvinPerMicrojoule;
        double left = 0;
        ref DotHistory history = ref _history[dot];
        long since = startNanos - history.LastEndNanos;
        if (since >= 0)
        {
            left = history.ResidualKelvin * Decay(since);
        }
        double rise = left + deliveredMicrojoules * kelvinPerMicrojoule;
        history.ResidualKelvin = ResidualFraction * rise;
        history.LastEndNanos = endNanos;
        history.StartNanos = startNanos;
        history.HeatPosition = heatPosition;
        return (headCelsius + rise - ReferenceCelsius) / (kelvinPerMicrojoule * ReferenceMicrojoules);
    }

    /// <summary>
    /// Fires the dots dots[from..to) together (one start, one end, the same delivered energy and head
    /// temperature), each with its own history; writes each dot's effective energy ratio to ratios at the
    /// dot's index in dots. The same arithmetic as <see cref="Fire(int, long, long, double, double, long)"/> dot by dot.
    /// </summary>
    public void Fire(int[] dots, int from, int to, long startNanos, long endNanos, double deliveredMicrojoules, double headCelsius, double[] ratios,
        long heatPosition = NoPosition) =>
        FireAndMark(dots, from, to, startNanos, endNanos, deliveredMicrojoules, headCelsius, ratios, null, 0, 0, heatPosition);

    /// <summary>The paper position of a firing that names none (earlier than any position a dot heats at).</summary>
    public const long NoPosition = long.MinValue / 4;

    /// <summary>
    /// Fires the dots dots[from..to) together as <see cref="Fire(int[], int, int, long, long, double, double, double[], long)"/>
    /// does and, given paper, marks them at a row in the same pass: each dot's darkness on the paper's curve and
    /// its overdrive past the smear point (ratio / smear ratio - 1) go to
    /// <see cref="PaperStrip.Mark(int, int, double, double, double)"/>'s arithmetic, to the bit, without going over
    /// the dots twice. Writes each dot's effective energy ratio to ratios when it is given.
    /// </summary>
    public void FireAndMark(int[] dots, int from, int to, long startNanos, long endNanos, double deliveredMicrojoules, double headCelsius,
        double[]? ratios, PaperStrip? paper, int row, double share, long heatPosition = NoPosition)
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
        // The dots go through a loop that calls nothing (FireRun), so it keeps its figures in registers: it works
        // out each dot's firing itself while the dot's decay factor is kept and the dot comes out black without
        // smearing (nearly always) on a row already made, and stops at any other dot: an exponential to work
        // out, which this loop keeps before handing the same dot back, or a grey or smearing dot or a row to
        // make, which this loop works out in full.
        var run = new Run
        {
            Dots = dots,
            History = _history,
            Ratios = ratios,
            Decays = _decays,
            Marked = paper != null && row >= 0 && row < paper.Height ? paper.MarkedRowOrNull(row) : null,
            StartNanos = startNanos,
            EndNanos = endNanos,
            HeatPosition = heatPosition,
            FiringRise = firingRise,
            ResidualFraction = residualFraction,
            HeadCelsius = headCelsius,
            ReferenceCelsius = referenceCelsius,
            PerRatio = perRatio,
            Share = share,
            Width = paper != null && row >= 0 ? paper.Width : 0,
        };
        // A dot on paper not above the first ratio may be grey, one above the second may smear (every one, for a
        // smear ratio not above 0); the loop tests each dot's climb against the climbs those ratios come from.
        ClimbBounds(perRatio, paper == null ? double.NegativeInfinity : curve.BlackFromRatio,
            paper == null ? double.PositiveInfinity : smearRatio > 0 ? smearRatio : double.NegativeInfinity,
            out run.BlackFromClimb, out run.SmearFromClimb);
        // Most firings start on a time between firings not kept yet (the heat times follow the head's
        // temperature), and one in a few on a row not made yet: both are settled for the first dot here, as the
        // full path would settle them, so the loop need not stop at the first dot and be started again.
        if ((uint)from < (uint)to && to <= dots.Length)
        {
            int first = dots[from];
            if ((uint)first < (uint)_history.Length)
            {
                long since = startNanos - _history[first].LastEndNanos;
                if (since >= 0)
                {
                    ref DecayKept kept = ref _decays[DecaySlot(since)];
                    if (kept.SinceNanos != since)
                    {
                        Keep(ref kept, since, ResidualMicros);
                    }
                }
                if (run.Marked == null && (uint)first < (uint)run.Width)
                {
                    run.Marked = paper!.MarkedRow(row);
                }
            }
        }
        long firingCount = 0;
        long fadedCount = 0;
        long smearCount = 0;
        int i = from;
        while (true)
        {
            i = FireRun(i, to, ref run);
            if (i >= to)
            {
                break;
            }
            int dot = dots[i];
            double left = 0;
            ref DotHistory history = ref _history[dot];
            long since = startNanos - history.LastEndNanos;
            if (since >= 0)
            {
                // A time between firings not kept yet is kept now, and the loop goes on from this dot with it
                // (the dots after it mostly ended together with it).
                ref DecayKept kept = ref _decays[DecaySlot(since)];
                if (kept.SinceNanos != since)
                {
                    Keep(ref kept, since, ResidualMicros);
                    continue;
                }
                left = history.ResidualKelvin * Decay(since);
            }
            double rise = left + firingRise;
            double ratio = (headCelsius + rise - referenceCelsius) / perRatio;
            history.ResidualKelvin = residualFraction * rise;
            history.LastEndNanos = endNanos;
            history.StartNanos = startNanos;
            history.HeatPosition = heatPosition;
            if (ratios != null)
            {
                ratios[i] = ratio;
            }
            i++;
            if ((uint)dot >= (uint)run.Width)
            {
                continue;
            }
            double dark = curve.Darkness(ratio);
            double over = ratio / smearRatio - 1.0;
            run.Marked ??= paper!.MarkedRow(row);
            firingCount++;
            fadedCount += dark < 1 ? 1 : 0;
            run.Marked[dot] = (float)Math.Min(1.0, run.Marked[dot] + dark * share);
            if (over > 0)
            {
                smearCount++;
                run.Next ??= paper!.MarkedRow(row + 1);
                run.Next[dot] = (float)Math.Min(1.0, run.Next[dot] + Math.Min(1.0, over * 2) * share);
            }
        }
        paper?.CountMarks(firingCount + run.MarkCount, fadedCount, smearCount);
    }

    /// <summary>What the dots of one firing share, and where their results go.</summary>
    private struct Run
    {
        public int[] Dots;
        public DotHistory[] History;
        public double[]? Ratios;
        public float[]? Marked;
        public float[]? Next;
        public DecayKept[] Decays;
        public long StartNanos;
        public long EndNanos;
        public long HeatPosition;
        public double FiringRise;
        public double ResidualFraction;
        public double HeadCelsius;
        public double ReferenceCelsius;
        public double PerRatio;
        public double Share;
        public double BlackFromClimb;
        public double SmearFromClimb;
        public int Width;
        public long MarkCount;
    }

    /// <summary>
    /// Fires and marks dots[from..) that come out black without smearing, with their decay factor kept and
    /// their row made, each with the same arithmetic as <see cref="FireAndMark"/> (to the bit); returns the
    /// first dot it leaves to the caller (to when none).
    /// </summary>
    private static int FireRun(int from, int to, ref Run run) =>
        run.Ratios == null ? FireRun<NoRatios>(from, to, ref run) : FireRun<KeepRatios>(from, to, ref run);

    /// <summary>Whether a run writes each dot's ratio (a loop of its own for each: the soak keeps none).</summary>
    private interface IRatios
    {
        static abstract bool Kept { get; }
    }

    private struct NoRatios : IRatios
    {
        public static bool Kept => false;
    }

    private struct KeepRatios : IRatios
    {
        public static bool Kept => true;
    }

    private static int FireRun<TRatios>(int from, int to, ref Run run)
        where TRatios : struct, IRatios
    {
        int[] dots = run.Dots;
        double[]? ratios = run.Ratios;
        float[]? marked = run.Marked;
        uint width = (uint)run.Width;
        if ((uint)from > (uint)to || (uint)to > (uint)dots.Length || (TRatios.Kept && to > ratios!.Length)
            || (marked != null && width > (uint)marked.Length))
        {
            throw OutOfRange(from, to, dots, ratios, marked, width);
        }
        if (marked == null && width != 0)
        {
            // A dot on the row before the row is made is the caller's: until the caller made it, every dot is.
            return from;
        }
        DotHistory[] histories = run.History;
        long endNanos = run.EndNanos;
        // The firing's start and position, kept beside the end: one store a dot.
        var started = Vector128.Create(run.StartNanos, run.HeatPosition);
        double firingRise = run.FiringRise;
        double residualFraction = run.ResidualFraction;
        double headCelsius = run.HeadCelsius;
        double referenceCelsius = run.ReferenceCelsius;
        double perRatio = run.PerRatio;
        double blackFromClimb = run.BlackFromClimb;
        double smearFromClimb = run.SmearFromClimb;
        double share = run.Share;
        // i stays in [from, to) and a marked dot below width: both checked once above. A dot number (the
        // latch's data) is checked as its history is looked up.
        ref int listed = ref MemoryMarshal.GetArrayDataReference(dots);
        ref float rowStart = ref marked == null ? ref Unsafe.NullRef<float>() : ref MemoryMarshal.GetArrayDataReference(marked);
        // Dots off the row are few (a head wider than its paper): they are counted, and the marks are the rest.
        int offRow = 0;
        // Neighbours in the list mostly ended their last firing together, so the decay factor looked up for
        // a dot is kept for the next one that ended when it did. NaN until one is looked up: a dot that matches
        // the empty key comes out NaN, which is not black, so it goes to the caller like any other.
        long factorEndNanos = long.MinValue;
        double factor = double.NaN;
        // Native-width indices: no sign extension per dot.
        nint i = from;
        nint end = to;
        for (; i < end; i++)
        {
            int dot = Unsafe.Add(ref listed, i);
            ref DotHistory history = ref histories[dot];
            if (history.LastEndNanos != factorEndNanos)
            {
                long since = run.StartNanos - history.LastEndNanos;
                ref DecayKept kept = ref run.Decays[DecaySlot(since)];
                // A time not kept, or negative (no decay), is the caller's.
                if (since < 0 || kept.SinceNanos != since)
                {
                    break;
                }
                factorEndNanos = history.LastEndNanos;
                factor = kept.Factor;
            }
            double rise = history.ResidualKelvin * factor + firingRise;
            double climb = headCelsius + rise - referenceCelsius;
            // Black (Darkness 1) and clear of smearing (ratio / smear ratio - 1 not above 0), told by the climb the
            // ratio is divided from: no division a dot unless the ratio is kept.
            if (!(climb >= blackFromClimb) || climb >= smearFromClimb)
            {
                break;
            }
            history.ResidualKelvin = residualFraction * rise;
            history.LastEndNanos = endNanos;
            Unsafe.As<long, Vector128<long>>(ref history.StartNanos) = started;
            if (TRatios.Kept)
            {
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ratios!), i) = climb / perRatio;
            }
            if ((uint)dot < width)
            {
                ref float at = ref Unsafe.Add(ref rowStart, (nint)(uint)dot);
                at = (float)Math.Min(1.0, at + share);
            }
            else
            {
                offRow++;
            }
        }
        run.MarkCount += i - from - offRow;
        return (int)i;
    }

    /// <summary>
    /// The least climbs (the numerators of the ratios) whose ratios are above the black and the smear ratios,
    /// kept for the ratios last asked about (the same for every firing on paper). A ratio scale that is not a
    /// positive number gives NaN, which no climb reaches: every dot then goes the full way.
    /// </summary>
    private void ClimbBounds(double perRatio, double blackFromRatio, double smearFromRatio, out double blackFromClimb, out double smearFromClimb)
    {
        ref ClimbBoundsKept kept = ref blackFromRatio == double.NegativeInfinity ? ref _offPaperClimbs : ref _onPaperClimbs;
        if (BitConverter.DoubleToInt64Bits(kept.PerRatio) != BitConverter.DoubleToInt64Bits(perRatio)
            || BitConverter.DoubleToInt64Bits(kept.BlackFromRatio) != BitConverter.DoubleToInt64Bits(blackFromRatio)
            || BitConverter.DoubleToInt64Bits(kept.SmearFromRatio) != BitConverter.DoubleToInt64Bits(smearFromRatio))
        {
            bool scale = perRatio > 0 && double.IsFinite(perRatio);
            kept.BlackFromClimb = scale ? QuotientBounds.LeastNumeratorAbove(blackFromRatio, perRatio) : double.NaN;
            kept.SmearFromClimb = scale ? QuotientBounds.LeastNumeratorAbove(smearFromRatio, perRatio) : double.NaN;
            kept.PerRatio = perRatio;
            kept.BlackFromRatio = blackFromRatio;
            kept.SmearFromRatio = smearFromRatio;
        }
        blackFromClimb = kept.BlackFromClimb;
        smearFromClimb = kept.SmearFromClimb;
    }

    /// <summary>The climb bounds worked out for a ratio scale and the black and smear ratios.</summary>
    private struct ClimbBoundsKept
    {
        public double PerRatio;
        public double BlackFromRatio;
        public double SmearFromRatio;
        public double BlackFromClimb;
        public double SmearFromClimb;
    }

    // Firings off paper (no marks: any ratio is black, none smears) and on it. Until first asked, NaN keys with
    // NaN bounds, which send every dot the full way should a key ever match them.
    private ClimbBoundsKept _offPaperClimbs = NoClimbBounds();
    private ClimbBoundsKept _onPaperClimbs = NoClimbBounds();

    private static ClimbBoundsKept NoClimbBounds() => new()
    {
        PerRatio = double.NaN, BlackFromRatio = double.NaN, SmearFromRatio = double.NaN, BlackFromClimb = double.NaN, SmearFromClimb = double.NaN,
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentOutOfRangeException OutOfRange(int from, int to, int[] dots, double[]? ratios, float[]? marked, uint width) =>
        new ArgumentOutOfRangeException(nameof(to), $"dots {from}..{to} of {dots.Length}, {ratios?.Length} ratios, row of {marked?.Length} for width {width}");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int DecaySlot(long sinceNanos) => (int)((ulong)sinceNanos * 0x9E3779B97F4A7C15UL >> (64 - DecaySlotBits));

    private double Decay(long sinceNanos)
    {
        if (sinceNanos != _decaySinceNanos)
        {
            _decaySinceNanos = sinceNanos;
            // The times between a dot's firings repeat (the same strobe and step timings line after line):
            // a small table keyed by the time keeps the factors already worked out.
            ref DecayKept kept = ref _decays[DecaySlot(sinceNanos)];
            if (kept.SinceNanos != sinceNanos)
            {
                Keep(ref kept, sinceNanos, ResidualMicros);
            }
            _decay = kept.Factor;
        }
        return _decay;
    }

    /// <summary>Works out the decay factor over a time between firings into its slot of the table.</summary>
    private static void Keep(ref DecayKept kept, long sinceNanos, double residualMicros)
    {
        kept.Factor = Math.Exp(-sinceNanos / 1000.0 / residualMicros);
        kept.SinceNanos = sinceNanos;
    }

    /// <summary>
    /// Each dot's history, by dot: when it last ended a firing and the heat still stored from it, and when that
    /// firing started and at which paper position. Every firing of the head passes through this model as it
    /// ends, so these are also what the head's same-dot rules measure from: a dot cannot start again before its
    /// firing ended, so a start finds its dot's last firing here whole.
    /// </summary>
    internal ReadOnlySpan<DotHistory> Histories => _history;

    /// <summary>A dot's last firing as the head's same-dot rules read it: when it started and ended, and at which paper position.</summary>
    public void LastFiring(int dot, out long startNanos, out long endNanos, out long heatPosition)
    {
        ref DotHistory history = ref _history[dot];
        startNanos = history.StartNanos;
        endNanos = history.LastEndNanos;
        heatPosition = history.HeatPosition;
    }

    /// <summary>A dot's history (the start and position side by side: one store writes both).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DotHistory
    {
        public long LastEndNanos;
        public double ResidualKelvin;
        public long StartNanos;
        public long HeatPosition;
    }

    /// <summary>A time between firings kept with its decay factor (side by side: one look-up reads one place).</summary>
    private struct DecayKept
    {
        public long SinceNanos;
        public double Factor;
    }

    private const int DecaySlotBits = 8;
    private readonly DecayKept[] _decays = NoDecays();

    // A key no time between firings can be (they are never negative when looked up).
    private static DecayKept[] NoDecays()
    {
        var kept = new DecayKept[1 << DecaySlotBits];
        Array.Fill(kept, new DecayKept { SinceNanos = -1 });
        return kept;
    }
}
