namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// A thermal paper's dynamic sensitivity curve: optical density (reflection, as a densitometer reads it)
/// against the energy a dot receives, as paper makers publish it, and what it takes to stick or smear.
/// The energy axis is in units of the paper's reference energy on the mechanism (the energy the mechanism's
/// datasheet rates the paper at, for a dot starting cold at 25 degC), so one curve serves heads whose
/// heaters differ in size.
///
/// Sources, in this project's words: a fully developed thermal image reads 1.2 or more (barcodenews.com,
/// "About thermal paper sensitivity", 2010); printed density above 1.20 and background below 0.10
/// (mykeyingroup.com, "Method of evaluating thermal paper quality"); about 1.1 already looks fully black
/// (kanzan.de, "Sensitivität des Thermopapiers"). The shape of the curve between background and
/// saturation, and the energies at its points, are estimates: UNCONFIRMED (no paper maker's table for
/// TF50KS-E2D was found). They are chosen so that a dot starting cold reaches full density at 0.4 of the
/// rated energy, about what the LTPD245C's rated energy at full speed gives a dot (its pulse-rate
/// correction), and smears past 1.45 times it (UNCONFIRMED); every value is a constructor argument.
/// </summary>
public sealed class PaperSensitivity
{
    /// <summary>The curve used unless a test gives another: background 0.06, full (1.2) at 0.40, plateau 1.32, smear past 1.45.</summary>
    public static readonly PaperSensitivity Standard = new(
        new[] { 0.0, 0.16, 0.24, 0.31, 0.40, 0.70, 1.20 },
        new[] { 0.06, 0.07, 0.30, 0.85, 1.20, 1.30, 1.32 },
        fullDensity: 1.2, smearRatio: 1.45);

    private readonly double[] _energy;
    private readonly double[] _density;

    /// <summary>Creates a curve from ascending energy ratios and their densities.</summary>
    public PaperSensitivity(double[] energyRatios, double[] densities, double fullDensity, double smearRatio)
    {
        if (energyRatios.Length < 2 || energyRatios.Length != densities.Length)
        {
            throw new ArgumentException("a curve needs two or more points, one density per energy");
        }
        for (int i = 1; i < energyRatios.Length; i++)
        {
            if (!(energyRatios[i] > energyRatios[i - 1]))
            {
                throw new ArgumentException("the curve's energies must ascend");
            }
        }
        _energy = (double[])energyRatios.Clone();
        _density = (double[])densities.Clone();
        FullDensity = fullDensity;
        SmearRatio = smearRatio;
        // The differences the interpolation divides and scales by, worked out once (the same values).
        _energyStep = new double[_energy.Length];
        _densityStep = new double[_energy.Length];
        for (int i = 1; i < _energy.Length; i++)
        {
            _energyStep[i] = _energy[i] - _energy[i - 1];
            _densityStep[i] = _density[i] - _density[i - 1];
        }
        _darknessSpan = FullDensity - BackgroundDensity;
        _blackFromRatio = BlackFrom();
    }

    /// <summary>
    /// The energy ratio past which the curve never falls below full density: its knots from there on are all
    /// at or above it and never descend, so any ratio beyond interpolates to full density or more and the
    /// darkness clamps to 1 (the subtraction and division keep that order when rounded). Infinity when the
    /// curve has no such stretch.
    /// </summary>
    private double BlackFrom()
    {
        int n = _energy.Length;
        double from = double.PositiveInfinity;
        for (int k = n - 1; k >= 0; k--)
        {
            if (_density[k] < FullDensity || (k + 1 < n && _density[k + 1] < _density[k]))
            {
                break;
            }
            from = _energy[k];
        }
        return _darknessSpan > 0 ? from : double.PositiveInfinity;
    }

    private readonly double _blackFromRatio;

    /// <summary>The energy ratio above which <see cref="Darkness"/> is 1 (infinity when no ratio is sure to give it).</summary>
    internal double BlackFromRatio => _blackFromRatio;

    private readonly double[] _energyStep;
    private readonly double[] _densityStep;
    private readonly double _darknessSpan;

    /// <summary>Optical density from which a dot counts as fully black.</summary>
    public double FullDensity { get; }

    /// <summary>Density of the unprinted paper.</summary>
    public double BackgroundDensity => _density[0];

    /// <summary>Effective energy ratio above which the coating melts onto the head and smears into the next row.</summary>
    public double SmearRatio { get; }

    /// <summary>Optical density for an effective energy ratio (linear between points, flat outside).</summary>
    public double Density(double energyRatio)
    {
        if (energyRatio <= _energy[0])
        {
            return _density[0];
        }
        double[] energy = _energy;
        for (int i = 1; i < energy.Length; i++)
        {
            if (energyRatio <= energy[i])
            {
                double f = (energyRatio - energy[i - 1]) / _energyStep[i];
                return _density[i - 1] + f * _densityStep[i];
            }
        }
        return _density[^1];
    }

    /// <summary>Darkness 0 (paper white) to 1 (fully developed) for an effective energy ratio.</summary>
    public double Darkness(double energyRatio) => energyRatio > _blackFromRatio
        ? 1
        : Math.Clamp((Density(energyRatio) - _density[0]) / _darknessSpan, 0, 1);

    /// <summary>The lowest effective energy ratio that gives full density.</summary>
    public double FullEnergyRatio()
    {
        for (int i = 1; i < _energy.Length; i++)
        {
            if (_density[i] >= FullDensity)
            {
                double f = (FullDensity - _density[i - 1]) / (_density[i] - _density[i - 1]);
                return _energy[i - 1] + f * (_energy[i] - _energy[i - 1]);
            }
        }
        return double.PositiveInfinity;
    }
}
