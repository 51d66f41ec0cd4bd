namespace PosFirmware.PrintHead
{
    /// <summary>
    /// Reads a mechanism profile: one key=value per line, '#' comments, lists comma-separated, pairs as
    /// a:b. Hand-written (no generics, no culture) so the device parses the same file the emulator does.
    /// Every key is required exactly once; any problem is returned as an error naming the line and key,
    /// never thrown.
    /// </summary>
    public static class ProfileParser
    {
        /// <summary>Longest profile accepted, in characters (a bound on the parse loop).</summary>
        public const int MaxTextChars = 16384;

        /// <summary>Longest list in a profile (acceleration table entries and the like).</summary>
        public const int MaxListItems = 256;

        private static readonly string[] Keys = new string[]
        {
            "name", "dotsPerLine", "dotPitchMicrons", "strobeBlocks", "heaterOhms", "heaterMinOhms",
            "driverOhms", "leadOhms", "commonOhms", "wiringOhms", "supplyMinMillivolts", "supplyMaxMillivolts",
            "maxSimultaneousDots", "thermistorR25Ohms", "thermistorBeta", "energyMicrojoulesAtCelsius",
            "effectiveVoltageGain", "effectiveVoltageOffset", "pulseCorrection", "stepsPerDotLine",
            "heatsPerDotLine", "excitation", "maxPpsAtMillivolts", "accelerationMicros", "stopHoldMillis",
            "feedStepsAfterHeat", "feedStepsAfterPlatenClose", "motorMaxContinuousMillis", "motorRestMillis",
            "clockMaxHertz", "clockPulseNanos", "dataSetupNanos", "dataHoldNanos", "latchSetupNanos",
            "latchWidthNanos", "latchHoldNanos", "latchToStrobeNanos", "latchWaitNanos", "sameDotRestMicros",
            "sameDotMinPeriodMicros", "maxStrobeMicros", "overheatStopCelsius", "overheatResumeCelsius",
            "extremeMaxPps", "normalMinCelsius", "normalMaxCelsius",
        };

        /// <summary>Parses profile text.</summary>
        public static ProfileParseResult Parse(string text)
        {
            ProfileParseResult result = new ProfileParseResult();
            if (text == null || text.Length == 0)
            {
                result.Error = "profile is empty";
                return result;
            }
            if (text.Length > MaxTextChars)
            {
                result.Error = "profile is longer than " + MaxTextChars.ToString() + " characters";
                return result;
            }
            MechanismProfile p = new MechanismProfile();
            bool[] seen = new bool[Keys.Length];
            int lineNumber = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }
                lineNumber++;
                string line = text.Substring(start, end - start).Trim();
                start = end + 1;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    result.Error = "line " + lineNumber.ToString() + ": expected key=value";
                    return result;
                }
                string key = line.Substring(0, eq).Trim();
                string value = line.Substring(eq + 1).Trim();
                int index = IndexOfKey(key);
                string where = "line " + lineNumber.ToString() + ", key " + key + ": ";
                if (index < 0)
                {
                    result.Error = where + "unknown key";
                    return result;
                }
                if (seen[index])
                {
                    result.Error = where + "given twice";
                    return result;
                }
                seen[index] = true;
                string problem = Apply(p, index, value);
                if (problem != null)
                {
                    result.Error = where + problem;
                    return result;
                }
            }
            for (int i = 0; i < Keys.Length; i++)
            {
                if (!seen[i])
                {
                    result.Error = "key " + Keys[i] + ": missing";
                    return result;
                }
            }
            string invalid = Validate(p);
            if (invalid != null)
            {
                result.Error = invalid;
                return result;
            }
            result.Profile = p;
            return result;
        }

        private static int IndexOfKey(string key)
        {
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i] == key)
                {
                    return i;
                }
            }
            return -1;
        }

        private static string Apply(MechanismProfile p, int index, string value)
        {
            if (value.Length == 0)
            {
                return "empty value";
            }
            switch (index)
            {
                case 0:
                    p.Name = value;
                    return null;
                case 15:
                    return ParsePairs(value, out p.EnergyCelsius, out p.EnergyMicrojoules);
                case 18:
                    if (value == "none")
                    {
                        p.HasPulseCorrection = false;
                        p.PulseCorrection = new double[0];
                        return null;
                    }
                    p.HasPulseCorrection = true;
                    return ParseDoubles(value, 5, out p.PulseCorrection);
                case 21:
                    return ParseExcitation(p, value);
                case 22:
                    return ParseIntPairs(value, out p.MaxPpsMillivolts, out p.MaxPps);
                case 23:
                    return ParseInts(value, out p.AccelerationMicros);
                case 4:
                case 5:
                case 6:
                case 7:
                case 8:
                case 9:
                case 13:
                case 14:
                case 16:
                case 17:
                    return ApplyDouble(p, index, value);
                default:
                    return ApplyInt(p, index, value);
            }
        }

        private static string ApplyDouble(MechanismProfile p, int index, string value)
        {
            double d;
            if (!TryParseNumber(value, out d))
            {
                return "not a number: " + value;
            }
            switch (index)
            {
                case 4: p.HeaterOhms = d; break;
                case 5: p.HeaterMinOhms = d; break;
                case 6: p.DriverOhms = d; break;
                case 7: p.LeadOhms = d; break;
                case 8: p.CommonOhms = d; break;
                case 9: p.WiringOhms = d; break;
                case 13: p.ThermistorR25Ohms = d; break;
                case 14: p.ThermistorBeta = d; break;
                case 16: p.EffectiveVoltageGain = d; break;
                default: p.EffectiveVoltageOffset = d; break;
            }
            return null;
        }

        private static string ApplyInt(MechanismProfile p, int index, string value)
        {
            int n;
            if (!TryParseInt(value, out n))
            {
                return "not a whole number: " + value;
            }
            switch (index)
            {
                case 1: p.DotsPerLine = n; break;
                case 2: p.DotPitchMicrons = n; break;
                case 3: p.StrobeBlocks = n; break;
                case 10: p.SupplyMinMillivolts = n; break;
                case 11: p.SupplyMaxMillivolts = n; break;
                case 12: p.MaxSimultaneousDots = n; break;
                case 19: p.StepsPerDotLine = n; break;
                case 20: p.HeatsPerDotLine = n; break;
                case 24: p.StopHoldMillis = n; break;
                case 25: p.FeedStepsAfterHeat = n; break;
                case 26: p.FeedStepsAfterPlatenClose = n; break;
                case 27: p.MotorMaxContinuousMillis = n; break;
                case 28: p.MotorRestMillis = n; break;
                case 29: p.ClockMaxHertz = n; break;
                case 30: p.ClockPulseNanos = n; break;
                case 31: p.DataSetupNanos = n; break;
                case 32: p.DataHoldNanos = n; break;
                case 33: p.LatchSetupNanos = n; break;
                case 34: p.LatchWidthNanos = n; break;
                case 35: p.LatchHoldNanos = n; break;
                case 36: p.LatchToStrobeNanos = n; break;
                case 37: p.LatchWaitNanos = n; break;
                case 38: p.SameDotRestMicros = n; break;
                case 39: p.SameDotMinPeriodMicros = n; break;
                case 40: p.MaxStrobeMicros = n; break;
                case 41: p.OverheatStopCelsius = n; break;
                case 42: p.OverheatResumeCelsius = n; break;
                case 43: p.ExtremeMaxPps = n; break;
                case 44: p.NormalMinCelsius = n; break;
                default: p.NormalMaxCelsius = n; break;
            }
            return null;
        }

        private static string Validate(MechanismProfile p)
        {
            if (p.DotsPerLine < 8 || p.DotsPerLine > 4096 || p.DotsPerLine % 8 != 0)
            {
                return "key dotsPerLine: must be a multiple of 8 in 8..4096";
            }
            if (p.StrobeBlocks < 1 || p.StrobeBlocks > 32 || p.DotsPerLine % p.StrobeBlocks != 0)
            {
                return "key strobeBlocks: must divide dotsPerLine (1..32)";
            }
            if (p.HeaterOhms <= 0 || p.HeaterMinOhms <= 0 || p.HeaterMinOhms > p.HeaterOhms)
            {
                return "key heaterMinOhms: heater resistances must be positive, min <= typical";
            }
            if (p.DriverOhms < 0 || p.LeadOhms < 0 || p.CommonOhms < 0 || p.WiringOhms < 0)
            {
                return "key driverOhms: resistances must not be negative";
            }
            if (p.SupplyMinMillivolts < 1000 || p.SupplyMaxMillivolts <= p.SupplyMinMillivolts || p.SupplyMaxMillivolts > 48000)
            {
                return "key supplyMaxMillivolts: supply range must be 1000 <= min < max <= 48000";
            }
            if (p.MaxSimultaneousDots < 1 || p.MaxSimultaneousDots > p.DotsPerLine)
            {
                return "key maxSimultaneousDots: must be 1..dotsPerLine";
            }
            if (p.ThermistorR25Ohms <= 0 || p.ThermistorBeta <= 0)
            {
                return "key thermistorBeta: thermistor values must be positive";
            }
            if (!Ascending(p.EnergyCelsius))
            {
                return "key energyMicrojoulesAtCelsius: temperatures must ascend";
            }
            for (int i = 0; i < p.EnergyMicrojoules.Length; i++)
            {
                if (p.EnergyMicrojoules[i] <= 0)
                {
                    return "key energyMicrojoulesAtCelsius: energies must be positive";
                }
            }
            if (p.EffectiveVoltageGain <= 0)
            {
                return "key effectiveVoltageGain: must be positive";
            }
            if (p.StepsPerDotLine < 1 || p.StepsPerDotLine > 64 || p.HeatsPerDotLine < 1 || p.StepsPerDotLine % p.HeatsPerDotLine != 0)
            {
                return "key heatsPerDotLine: must divide stepsPerDotLine (1..64)";
            }
            if (p.MaxPpsMillivolts.Length < 1 || !AscendingInts(p.MaxPpsMillivolts))
            {
                return "key maxPpsAtMillivolts: supply points must ascend";
            }
            for (int i = 0; i < p.MaxPps.Length; i++)
            {
                if (p.MaxPps[i] < 1 || p.MaxPps[i] > 100000)
                {
                    return "key maxPpsAtMillivolts: rates must be 1..100000 pps";
                }
            }
            if (p.AccelerationMicros.Length < 2)
            {
                return "key accelerationMicros: needs a start step and at least one more";
            }
            for (int i = 0; i < p.AccelerationMicros.Length; i++)
            {
                if (p.AccelerationMicros[i] < 10 || (i > 0 && p.AccelerationMicros[i] > p.AccelerationMicros[i - 1]))
                {
                    return "key accelerationMicros: step times must be >= 10 us and never grow";
                }
            }
            if (p.StopHoldMillis < 0 || p.FeedStepsAfterHeat < 1 || p.FeedStepsAfterPlatenClose < 0)
            {
                return "key feedStepsAfterHeat: at least one feed step after the last heat";
            }
            if (p.MotorMaxContinuousMillis < 1 || p.MotorRestMillis < 0)
            {
                return "key motorMaxContinuousMillis: must be positive";
            }
            if (p.ClockMaxHertz < 1000 || p.ClockPulseNanos < 0 || p.DataSetupNanos < 0 || p.DataHoldNanos < 0
                || p.LatchSetupNanos < 0 || p.LatchWidthNanos < 0 || p.LatchHoldNanos < 0 || p.LatchToStrobeNanos < 0
                || p.LatchWaitNanos < 0 || p.SameDotRestMicros < 0 || p.SameDotMinPeriodMicros < 0)
            {
                return "key clockMaxHertz: interface timings must not be negative, clock >= 1 kHz";
            }
            if (p.MaxStrobeMicros < 1)
            {
                return "key maxStrobeMicros: must be positive";
            }
            if (p.ExtremeMaxPps < 0 || p.NormalMinCelsius >= p.NormalMaxCelsius)
            {
                return "key normalMaxCelsius: extremeMaxPps must be >= 0 and normalMinCelsius < normalMaxCelsius";
            }
            if (p.OverheatResumeCelsius >= p.OverheatStopCelsius)
            {
                return "key overheatResumeCelsius: must be below overheatStopCelsius";
            }
            return null;
        }

        private static bool Ascending(double[] values)
        {
            if (values.Length < 1)
            {
                return false;
            }
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] <= values[i - 1])
                {
                    return false;
                }
            }
            return true;
        }

        private static bool AscendingInts(int[] values)
        {
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] <= values[i - 1])
                {
                    return false;
                }
            }
            return true;
        }

        private static string ParseExcitation(MechanismProfile p, string value)
        {
            int count = CountItems(value);
            if (count < 4 || count > 16)
            {
                return "needs 4..16 states";
            }
            p.ExcitationCoilA = new int[count];
            p.ExcitationCoilB = new int[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                int comma = NextComma(value, at);
                string item = value.Substring(at, comma - at).Trim();
                at = comma + 1;
                if (item.Length != 4)
                {
                    return "state " + (i + 1).ToString() + " must be 4 letters H/L/O for A, B, /A, /B";
                }
                int a = Level(item[0]);
                int b = Level(item[1]);
                int na = Level(item[2]);
                int nb = Level(item[3]);
                if (a < 0 || b < 0 || na < 0 || nb < 0 || (a == 2) != (na == 2) || (b == 2) != (nb == 2)
                    || (a != 2 && a == na) || (b != 2 && b == nb))
                {
                    return "state " + (i + 1).ToString() + " must drive each coil H/L, L/H or O/O";
                }
                p.ExcitationCoilA[i] = a == 2 ? 0 : (a == 1 ? 1 : -1);
                p.ExcitationCoilB[i] = b == 2 ? 0 : (b == 1 ? 1 : -1);
                if (p.ExcitationCoilA[i] == 0 && p.ExcitationCoilB[i] == 0)
                {
                    return "state " + (i + 1).ToString() + " leaves both coils open";
                }
            }
            return null;
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
            if (c == 'O')
            {
                return 2;
            }
            return -1;
        }

        private static int CountItems(string value)
        {
            int count = 1;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == ',')
                {
                    count++;
                }
            }
            return count;
        }

        private static int NextComma(string value, int from)
        {
            int comma = value.IndexOf(',', from);
            return comma < 0 ? value.Length : comma;
        }

        private static string ParseDoubles(string value, int expected, out double[] values)
        {
            int count = CountItems(value);
            values = new double[0];
            if (count > MaxListItems || (expected > 0 && count != expected))
            {
                return "expected " + expected.ToString() + " numbers";
            }
            values = new double[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                int comma = NextComma(value, at);
                if (!TryParseNumber(value.Substring(at, comma - at).Trim(), out values[i]))
                {
                    return "item " + (i + 1).ToString() + " is not a number";
                }
                at = comma + 1;
            }
            return null;
        }

        private static string ParseInts(string value, out int[] values)
        {
            int count = CountItems(value);
            values = new int[0];
            if (count > MaxListItems)
            {
                return "more than " + MaxListItems.ToString() + " items";
            }
            values = new int[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                int comma = NextComma(value, at);
                if (!TryParseInt(value.Substring(at, comma - at).Trim(), out values[i]))
                {
                    return "item " + (i + 1).ToString() + " is not a whole number";
                }
                at = comma + 1;
            }
            return null;
        }

        private static string ParsePairs(string value, out double[] keys, out double[] values)
        {
            int count = CountItems(value);
            keys = new double[0];
            values = new double[0];
            if (count > MaxListItems)
            {
                return "more than " + MaxListItems.ToString() + " items";
            }
            keys = new double[count];
            values = new double[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                int comma = NextComma(value, at);
                string item = value.Substring(at, comma - at);
                at = comma + 1;
                int colon = item.IndexOf(':');
                if (colon <= 0 || !TryParseNumber(item.Substring(0, colon).Trim(), out keys[i])
                    || !TryParseNumber(item.Substring(colon + 1).Trim(), out values[i]))
                {
                    return "item " + (i + 1).ToString() + " must be number:number";
                }
            }
            return null;
        }

        private static string ParseIntPairs(string value, out int[] keys, out int[] values)
        {
            double[] k;
            double[] v;
            string problem = ParsePairs(value, out k, out v);
            keys = new int[k.Length];
            values = new int[v.Length];
            if (problem != null)
            {
                return problem;
            }
            for (int i = 0; i < k.Length; i++)
            {
                if (k[i] != (int)k[i] || v[i] != (int)v[i])
                {
                    return "item " + (i + 1).ToString() + " must be whole numbers";
                }
                keys[i] = (int)k[i];
                values[i] = (int)v[i];
            }
            return null;
        }

        /// <summary>Parses a whole number with an optional sign (at most 9 digits).</summary>
        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            int i = 0;
            bool negative = false;
            if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
            {
                negative = s[0] == '-';
                i = 1;
            }
            if (i >= s.Length || s.Length - i > 9)
            {
                return false;
            }
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (negative)
            {
                value = -value;
            }
            return true;
        }

        /// <summary>Parses a decimal number: optional sign, digits, optional '.' and digits (no exponent).</summary>
        public static bool TryParseNumber(string s, out double value)
        {
            value = 0;
            int i = 0;
            bool negative = false;
            if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
            {
                negative = s[0] == '-';
                i = 1;
            }
            int digits = 0;
            double scale = 1;
            bool point = false;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '.' && !point)
                {
                    point = true;
                    continue;
                }
                if (c < '0' || c > '9' || digits >= 15)
                {
                    return false;
                }
                digits++;
                if (point)
                {
                    scale /= 10;
                    value += (c - '0') * scale;
                }
                else
                {
                    value = value * 10 + (c - '0');
                }
            }
            if (digits == 0)
            {
                return false;
            }
            if (negative)
            {
                value = -value;
            }
            return true;
        }
    }
}
