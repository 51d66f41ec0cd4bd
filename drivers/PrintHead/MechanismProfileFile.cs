using PosFirmware.Config;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The mechanism profile file (Profiles/*.profile): its schema as a table, one row per key with type,
    /// range and unit, and the rules between keys the table cannot state. Read by the one config reader, so
    /// the device parses the same file the emulator does. Every key is required exactly once.
    /// </summary>
    public static class MechanismProfileFile
    {
        /// <summary>Longest profile accepted, in bytes.</summary>
        public const int MaxTextBytes = 16384;

        /// <summary>Longest line, in characters (the acceleration table is one line).</summary>
        public const int MaxLineChars = 2048;

        /// <summary>Longest list in a profile (acceleration table entries and the like).</summary>
        public const int MaxListItems = 256;

        private const int Big = 999999999;

        /// <summary>The keys, their types, ranges and units.</summary>
        public static readonly ConfigKey[] Schema = new ConfigKey[]
        {
            //            key                              type                       min      max      unit
            new ConfigKey("name",                          ConfigType.Text,           1,       40,      "characters", true),
            new ConfigKey("dotsPerLine",                   ConfigType.Integer,        8,       4096,    "dots", true),
            new ConfigKey("dotPitchMicrons",               ConfigType.Integer,        1,       10000,   "um", true),
            new ConfigKey("strobeBlocks",                  ConfigType.Integer,        1,       32,      "blocks", true),
            new ConfigKey("heaterOhms",                    ConfigType.Number,         0.001,   100000,  "ohm", true),
            new ConfigKey("heaterMinOhms",                 ConfigType.Number,         0.001,   100000,  "ohm", true),
            new ConfigKey("driverOhms",                    ConfigType.Number,         0,       100000,  "ohm", true),
            new ConfigKey("leadOhms",                      ConfigType.Number,         0,       100000,  "ohm", true),
            new ConfigKey("commonOhms",                    ConfigType.Number,         0,       100000,  "ohm", true),
            new ConfigKey("wiringOhms",                    ConfigType.Number,         0,       100000,  "ohm", true),
            new ConfigKey("supplyMinMillivolts",           ConfigType.Integer,        1000,    48000,   "mV", true),
            new ConfigKey("supplyMaxMillivolts",           ConfigType.Integer,        1000,    48000,   "mV", true),
            new ConfigKey("maxSimultaneousDots",           ConfigType.Integer,        1,       4096,    "dots", true),
            new ConfigKey("thermistorR25Ohms",             ConfigType.Number,         0.001,   100000000, "ohm", true),
            new ConfigKey("thermistorBeta",                ConfigType.Number,         0.001,   100000,  "K", true),
            new ConfigKey("energyMicrojoulesAtCelsius",    ConfigType.NumberPairs,    -273,    1000000, "degC:uJ", true),
            new ConfigKey("effectiveVoltageGain",          ConfigType.Number,         0.000001, 1000,   "", true),
            new ConfigKey("effectiveVoltageOffset",        ConfigType.Number,         -1000,   1000,    "V", true),
            new ConfigKey("pulseCorrection",               ConfigType.Text,           1,       200,     "characters", true),
            new ConfigKey("stepsPerDotLine",               ConfigType.Integer,        1,       64,      "steps", true),
            new ConfigKey("heatsPerDotLine",               ConfigType.Integer,        1,       64,      "heats", true),
            new ConfigKey("excitation",                    ConfigType.Text,           4,       200,     "characters", true),
            new ConfigKey("maxPpsAtMillivolts",            ConfigType.NumberPairs,    1,       100000,  "mV:pps", true),
            new ConfigKey("accelerationMicros",            ConfigType.IntegerList,    10,      Big,     "us", true),
            new ConfigKey("stopHoldMillis",                ConfigType.Integer,        0,       Big,     "ms", true),
            new ConfigKey("feedStepsAfterHeat",            ConfigType.Integer,        1,       100000,  "steps", true),
            new ConfigKey("feedStepsAfterPlatenClose",     ConfigType.Integer,        0,       100000,  "steps", true),
            new ConfigKey("motorMaxContinuousMillis",      ConfigType.Integer,        1,       Big,     "ms", true),
            new ConfigKey("motorRestMillis",               ConfigType.Integer,        0,       Big,     "ms", true),
            new ConfigKey("clockMaxHertz",                 ConfigType.Integer,        1000,    Big,     "Hz", true),
            new ConfigKey("clockPulseNanos",               ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("dataSetupNanos",                ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("dataHoldNanos",                 ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("latchSetupNanos",               ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("latchWidthNanos",               ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("latchHoldNanos",                ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("latchToStrobeNanos",            ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("latchWaitNanos",                ConfigType.Integer,        0,       Big,     "ns", true),
            new ConfigKey("sameDotRestMicros",             ConfigType.Integer,        0,       Big,     "us", true),
            new ConfigKey("sameDotMinPeriodMicros",        ConfigType.Integer,        0,       Big,     "us", true),
            new ConfigKey("maxStrobeMicros",               ConfigType.Integer,        1,       Big,     "us", true),
            new ConfigKey("overheatStopCelsius",           ConfigType.Integer,        -100,    300,     "degC", true),
            new ConfigKey("overheatResumeCelsius",         ConfigType.Integer,        -100,    300,     "degC", true),
            new ConfigKey("extremeMaxPps",                 ConfigType.Integer,        0,       100000,  "pps", false),
            new ConfigKey("normalMinCelsius",              ConfigType.Integer,        -100,    300,     "degC", false),
            new ConfigKey("normalMaxCelsius",              ConfigType.Integer,        -100,    300,     "degC", false),
        };

        /// <summary>A reader for profile files.</summary>
        public static ConfigReader CreateReader()
        {
            return new ConfigReader(Schema, MaxTextBytes, MaxLineChars, MaxListItems);
        }

        /// <summary>Reads a profile; false with reader.Status and reader.Message saying why.</summary>
        public static bool TryParse(ConfigReader reader, byte[] text, int offset, int count, out MechanismProfile profile)
        {
            profile = null;
            if (!reader.TryRead(text, offset, count))
            {
                return false;
            }
            MechanismProfile p = new MechanismProfile();
            reader.TryGetText("name", out p.Name);
            reader.TryGetInt("dotsPerLine", out p.DotsPerLine);
            reader.TryGetInt("dotPitchMicrons", out p.DotPitchMicrons);
            reader.TryGetInt("strobeBlocks", out p.StrobeBlocks);
            reader.TryGetNumber("heaterOhms", out p.HeaterOhms);
            reader.TryGetNumber("heaterMinOhms", out p.HeaterMinOhms);
            reader.TryGetNumber("driverOhms", out p.DriverOhms);
            reader.TryGetNumber("leadOhms", out p.LeadOhms);
            reader.TryGetNumber("commonOhms", out p.CommonOhms);
            reader.TryGetNumber("wiringOhms", out p.WiringOhms);
            reader.TryGetInt("supplyMinMillivolts", out p.SupplyMinMillivolts);
            reader.TryGetInt("supplyMaxMillivolts", out p.SupplyMaxMillivolts);
            reader.TryGetInt("maxSimultaneousDots", out p.MaxSimultaneousDots);
            reader.TryGetNumber("thermistorR25Ohms", out p.ThermistorR25Ohms);
            reader.TryGetNumber("thermistorBeta", out p.ThermistorBeta);
            reader.TryGetPairs("energyMicrojoulesAtCelsius", out p.EnergyCelsius, out p.EnergyMicrojoules);
            reader.TryGetNumber("effectiveVoltageGain", out p.EffectiveVoltageGain);
            reader.TryGetNumber("effectiveVoltageOffset", out p.EffectiveVoltageOffset);
            reader.TryGetInt("stepsPerDotLine", out p.StepsPerDotLine);
            reader.TryGetInt("heatsPerDotLine", out p.HeatsPerDotLine);
            double[] millivolts;
            double[] pps;
            reader.TryGetPairs("maxPpsAtMillivolts", out millivolts, out pps);
            reader.TryGetIntList("accelerationMicros", out p.AccelerationMicros);
            reader.TryGetInt("stopHoldMillis", out p.StopHoldMillis);
            reader.TryGetInt("feedStepsAfterHeat", out p.FeedStepsAfterHeat);
            reader.TryGetInt("feedStepsAfterPlatenClose", out p.FeedStepsAfterPlatenClose);
            reader.TryGetInt("motorMaxContinuousMillis", out p.MotorMaxContinuousMillis);
            reader.TryGetInt("motorRestMillis", out p.MotorRestMillis);
            reader.TryGetInt("clockMaxHertz", out p.ClockMaxHertz);
            reader.TryGetInt("clockPulseNanos", out p.ClockPulseNanos);
            reader.TryGetInt("dataSetupNanos", out p.DataSetupNanos);
            reader.TryGetInt("dataHoldNanos", out p.DataHoldNanos);
            reader.TryGetInt("latchSetupNanos", out p.LatchSetupNanos);
            reader.TryGetInt("latchWidthNanos", out p.LatchWidthNanos);
            reader.TryGetInt("latchHoldNanos", out p.LatchHoldNanos);
            reader.TryGetInt("latchToStrobeNanos", out p.LatchToStrobeNanos);
            reader.TryGetInt("latchWaitNanos", out p.LatchWaitNanos);
            reader.TryGetInt("sameDotRestMicros", out p.SameDotRestMicros);
            reader.TryGetInt("sameDotMinPeriodMicros", out p.SameDotMinPeriodMicros);
            reader.TryGetInt("maxStrobeMicros", out p.MaxStrobeMicros);
            reader.TryGetInt("overheatStopCelsius", out p.OverheatStopCelsius);
            reader.TryGetInt("overheatResumeCelsius", out p.OverheatResumeCelsius);
            // The motor's rate cap outside the normal temperature range: absent, there is none.
            reader.TryGetInt("extremeMaxPps", out p.ExtremeMaxPps);
            if (!reader.TryGetInt("normalMinCelsius", out p.NormalMinCelsius))
            {
                p.NormalMinCelsius = -100;
            }
            if (!reader.TryGetInt("normalMaxCelsius", out p.NormalMaxCelsius))
            {
                p.NormalMaxCelsius = 300;
            }
            if (p.NormalMinCelsius >= p.NormalMaxCelsius)
            {
                return reader.Fail("normalMaxCelsius", "must be above normalMinCelsius");
            }
            if (!TakePulseCorrection(reader, p) || !TakeExcitation(reader, p) || !TakeWholePairs(reader, p, millivolts, pps) || !CheckTogether(reader, p))
            {
                return false;
            }
            profile = p;
            return true;
        }

        // Rules between keys, each reported on the line of the key it names.
        private static bool CheckTogether(ConfigReader reader, MechanismProfile p)
        {
            if (p.DotsPerLine % 8 != 0)
            {
                return reader.Fail("dotsPerLine", "must be a multiple of 8");
            }
            if (p.DotsPerLine % p.StrobeBlocks != 0)
            {
                return reader.Fail("strobeBlocks", "must divide dotsPerLine");
            }
            if (p.HeaterMinOhms > p.HeaterOhms)
            {
                return reader.Fail("heaterMinOhms", "must not exceed heaterOhms");
            }
            if (p.SupplyMaxMillivolts <= p.SupplyMinMillivolts)
            {
                return reader.Fail("supplyMaxMillivolts", "must be above supplyMinMillivolts");
            }
            if (p.MaxSimultaneousDots > p.DotsPerLine)
            {
                return reader.Fail("maxSimultaneousDots", "must not exceed dotsPerLine");
            }
            for (int i = 0; i < p.EnergyCelsius.Length; i++)
            {
                if ((i > 0 && p.EnergyCelsius[i] <= p.EnergyCelsius[i - 1]) || p.EnergyMicrojoules[i] <= 0)
                {
                    return reader.Fail("energyMicrojoulesAtCelsius", "temperatures must ascend and energies be positive");
                }
            }
            if (p.StepsPerDotLine % p.HeatsPerDotLine != 0)
            {
                return reader.Fail("heatsPerDotLine", "must divide stepsPerDotLine");
            }
            for (int i = 1; i < p.MaxPpsMillivolts.Length; i++)
            {
                if (p.MaxPpsMillivolts[i] <= p.MaxPpsMillivolts[i - 1])
                {
                    return reader.Fail("maxPpsAtMillivolts", "supply points must ascend");
                }
            }
            if (p.AccelerationMicros.Length < 2)
            {
                return reader.Fail("accelerationMicros", "needs a start step and at least one more");
            }
            for (int i = 1; i < p.AccelerationMicros.Length; i++)
            {
                if (p.AccelerationMicros[i] > p.AccelerationMicros[i - 1])
                {
                    return reader.Fail("accelerationMicros", "step times must never grow");
                }
            }
            if (p.OverheatResumeCelsius >= p.OverheatStopCelsius)
            {
                return reader.Fail("overheatResumeCelsius", "must be below overheatStopCelsius");
            }
            return true;
        }

        // "none", or the five coefficients of the supply-dependent pulse correction.
        private static bool TakePulseCorrection(ConfigReader reader, MechanismProfile p)
        {
            string value;
            reader.TryGetText("pulseCorrection", out value);
            if (value == "none")
            {
                p.HasPulseCorrection = false;
                p.PulseCorrection = new double[0];
                return true;
            }
            p.HasPulseCorrection = true;
            p.PulseCorrection = new double[5];
            int at = 0;
            for (int i = 0; i < 5; i++)
            {
                int comma = value.IndexOf(',', at);
                bool last = i == 4;
                if ((comma < 0) != last)
                {
                    return reader.Fail("pulseCorrection", "expected none or 5 numbers");
                }
                string item = value.Substring(at, (last ? value.Length : comma) - at).Trim();
                if (!ConfigReader.TryParseNumber(item, out p.PulseCorrection[i]))
                {
                    return reader.Fail("pulseCorrection", "item " + (i + 1).ToString() + " is not a number");
                }
                at = comma + 1;
            }
            return true;
        }

        // States of the two coils as four letters each (A, B, /A, /B): H high, L low, O open.
        private static bool TakeExcitation(ConfigReader reader, MechanismProfile p)
        {
            string value;
            reader.TryGetText("excitation", out value);
            int count = 1;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == ',')
                {
                    count++;
                }
            }
            if (count < 4 || count > 16)
            {
                return reader.Fail("excitation", "needs 4..16 states");
            }
            p.ExcitationCoilA = new int[count];
            p.ExcitationCoilB = new int[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                int comma = value.IndexOf(',', at);
                string item = value.Substring(at, (comma < 0 ? value.Length : comma) - at).Trim();
                at = comma + 1;
                string state = "state " + (i + 1).ToString();
                if (item.Length != 4)
                {
                    return reader.Fail("excitation", state + " must be 4 letters H/L/O for A, B, /A, /B");
                }
                int a = Level(item[0]);
                int b = Level(item[1]);
                int na = Level(item[2]);
                int nb = Level(item[3]);
                if (a < 0 || b < 0 || na < 0 || nb < 0 || (a == 2) != (na == 2) || (b == 2) != (nb == 2)
                    || (a != 2 && a == na) || (b != 2 && b == nb))
                {
                    return reader.Fail("excitation", state + " must drive each coil H/L, L/H or O/O");
                }
                p.ExcitationCoilA[i] = a == 2 ? 0 : (a == 1 ? 1 : -1);
                p.ExcitationCoilB[i] = b == 2 ? 0 : (b == 1 ? 1 : -1);
                if (p.ExcitationCoilA[i] == 0 && p.ExcitationCoilB[i] == 0)
                {
                    return reader.Fail("excitation", state + " leaves both coils open");
                }
            }
            return true;
        }

        private static bool TakeWholePairs(ConfigReader reader, MechanismProfile p, double[] millivolts, double[] pps)
        {
            p.MaxPpsMillivolts = new int[millivolts.Length];
            p.MaxPps = new int[pps.Length];
            for (int i = 0; i < millivolts.Length; i++)
            {
                if (millivolts[i] != (int)millivolts[i] || pps[i] != (int)pps[i])
                {
                    return reader.Fail("maxPpsAtMillivolts", "item " + (i + 1).ToString() + " must be whole numbers");
                }
                p.MaxPpsMillivolts[i] = (int)millivolts[i];
                p.MaxPps[i] = (int)pps[i];
            }
            return true;
        }

        private static int Level(char c)
        {
            if (c == 'H')
            {
                return 1;
            }
            if (c == 'L')
            {
                return 0;
            }
            return c == 'O' ? 2 : -1;
        }
    }
}
