using System.CommandLine;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The conditions a hardware engineer sets on `posemu print` and `posemu bench` without a rebuild: any
/// mechanism file, the battery, its source resistance, the head temperature and the driver's energy scale.
/// Each is optional; what is not given keeps the command's default.
/// </summary>
public sealed class HeadConditions
{
    /// <summary>--profile FILE.</summary>
    public Option<string?> ProfileFile { get; } = new("--profile") { Description = "mechanism profile file to print on (any *.profile; no rebuild)" };

    /// <summary>--supply-volts V.</summary>
    public Option<double?> SupplyVolts { get; } = new("--supply-volts") { Description = "open-circuit head supply in volts" };

    /// <summary>--source-ohms R.</summary>
    public Option<double?> SourceOhms { get; } = new("--source-ohms") { Description = "battery and wiring resistance in ohms (the driver is told the same)" };

    /// <summary>--head-celsius T.</summary>
    public Option<double?> HeadCelsius { get; } = new("--head-celsius") { Description = "ambient and starting head temperature in degC" };

    /// <summary>--energy-percent P.</summary>
    public Option<int?> EnergyPercent { get; } = new("--energy-percent") { Description = "driver energy scale in percent (100 = the datasheet's)" };

    /// <summary>--cpu-model none|esp32-nano.</summary>
    public Option<string?> CpuModel { get; } = new("--cpu-model") { Description = "charge the firmware's CPU time on the device: none or esp32-nano" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(ProfileFile);
        command.Options.Add(SupplyVolts);
        command.Options.Add(SourceOhms);
        command.Options.Add(HeadCelsius);
        command.Options.Add(EnergyPercent);
        command.Options.Add(CpuModel);
    }

    /// <summary>The values given on a command line.</summary>
    public Values Read(ParseResult parse) => new()
    {
        ProfileFile = parse.GetValue(ProfileFile),
        SupplyVolts = parse.GetValue(SupplyVolts),
        SourceOhms = parse.GetValue(SourceOhms),
        HeadCelsius = parse.GetValue(HeadCelsius),
        EnergyPercent = parse.GetValue(EnergyPercent),
        CpuModel = parse.GetValue(CpuModel),
    };

    /// <summary>What was given; null where the command's default stays.</summary>
    public sealed class Values
    {
        /// <summary>Profile file, or null for the named mechanism.</summary>
        public string? ProfileFile { get; init; }

        /// <summary>Supply in volts.</summary>
        public double? SupplyVolts { get; init; }

        /// <summary>Source resistance in ohms.</summary>
        public double? SourceOhms { get; init; }

        /// <summary>Head temperature in degC.</summary>
        public double? HeadCelsius { get; init; }

        /// <summary>Energy scale in percent.</summary>
        public int? EnergyPercent { get; init; }

        /// <summary>CPU model name, or null for the command's default.</summary>
        public string? CpuModel { get; init; }

        /// <summary>The first thing wrong with the values, or null.</summary>
        public string? Problem()
        {
            if (SupplyVolts is double v && !(v > 0 && v <= 30))
            {
                return "--supply-volts must be in (0, 30]";
            }
            if (SourceOhms is double r && !(r >= 0 && r <= 10))
            {
                return "--source-ohms must be in [0, 10]";
            }
            if (HeadCelsius is double t && !(t >= -40 && t <= 120))
            {
                return "--head-celsius must be in [-40, 120]";
            }
            if (EnergyPercent is int e && (e < 10 || e > 300))
            {
                return "--energy-percent must be in [10, 300]";
            }
            if (CpuModel != null && CpuCosts.Named(CpuModel) == null)
            {
                return $"--cpu-model must be one of {string.Join(", ", CpuCosts.Names)}";
            }
            if (ProfileFile != null && !File.Exists(ProfileFile))
            {
                return $"no such profile file: {ProfileFile}";
            }
            return null;
        }

        /// <summary>The profile file's mechanism, or null when none was given; a bad file throws InvalidDataException naming it.</summary>
        public MechanismProfile? LoadProfile() => ProfileFile == null ? null : ProfileLibrary.Parse(File.ReadAllText(ProfileFile), ProfileFile);

        /// <summary>Printer options with these values over the defaults.</summary>
        public VirtualPrinterOptions PrinterOptions(bool traceAnalog, bool traceSpiBits)
        {
            var defaults = new VirtualPrinterOptions();
            double ohms = SourceOhms ?? defaults.SourceOhms;
            return new VirtualPrinterOptions
            {
                SupplyVolts = SupplyVolts ?? defaults.SupplyVolts,
                SourceOhms = ohms,
                AmbientCelsius = HeadCelsius ?? defaults.AmbientCelsius,
                TraceAnalog = traceAnalog,
                TraceSpiBits = traceSpiBits,
                Cpu = CpuModel == null ? CpuCosts.None : CpuCosts.Named(CpuModel)!,
                Driver = new PrintHeadConfig
                {
                    SupplySourceMilliohms = (int)Math.Round(ohms * 1000),
                    EnergyPercent = EnergyPercent ?? 100,
                },
            };
        }

        /// <summary>Bench options with these values over the bench's defaults.</summary>
        public PrintHeadBenchOptions BenchOptions()
        {
            var defaults = new PrintHeadBenchOptions();
            return new PrintHeadBenchOptions
            {
                Profile = LoadProfile(),
                SupplyVolts = SupplyVolts ?? defaults.SupplyVolts,
                SourceOhms = SourceOhms ?? defaults.SourceOhms,
                HeadCelsius = HeadCelsius ?? defaults.HeadCelsius,
                EnergyPercent = EnergyPercent ?? defaults.EnergyPercent,
                Cpu = CpuModel == null ? defaults.Cpu : CpuCosts.Named(CpuModel)!,
            };
        }

        /// <summary>The conditions in words.</summary>
        public string Describe(VirtualPrinterOptions options) =>
            $"{options.SupplyVolts:F2} V through {options.SourceOhms:F3} ohm, head from {options.AmbientCelsius:F1} degC, energy {options.Driver.EnergyPercent} %, CPU model {options.Cpu.Name}";
    }
}
