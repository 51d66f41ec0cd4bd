namespace PosFirmware.Scanner
{
    /// <summary>
    /// Reads a scanner profile file. Keys: name, baud, mode (host | continuous), terminator, setup,
    /// trigger, stop, ack (byte values as space-separated hex). Unknown keys, repeated keys, bad values
    /// and a host-mode profile without a trigger command are errors naming the line; on error the
    /// profile is not returned at all.
    /// </summary>
    public class ScannerProfileParser
    {
        private readonly ScannerConfig _config;
        private readonly byte[] _bytes;

        /// <summary>Creates a parser with the limits of config.</summary>
        public ScannerProfileParser(ScannerConfig config)
        {
            _config = config;
            _bytes = new byte[config.MaxCommandBytes];
        }

        /// <summary>Why the last Parse failed, or null.</summary>
        public string Error;

        /// <summary>Parses count bytes of text from offset; null on error (see Error).</summary>
        public ScannerProfile Parse(byte[] text, int offset, int count)
        {
            Error = null;
            ScannerProfile profile = new ScannerProfile();
            KeyValueText lines = new KeyValueText(text, offset, count, _config.MaxConfigLineChars);
            string seen = "|";
            bool sawMode = false;
            while (lines.Next())
            {
                string marker = "|" + lines.Key + "|";
                if (seen.IndexOf(marker) >= 0)
                {
                    return Fail(lines.LineError("'" + lines.Key + "' given twice"));
                }
                seen = seen + lines.Key + "|";
                string why = Apply(profile, lines.Key, lines.Value);
                if (why != null)
                {
                    return Fail(lines.LineError(why));
                }
                if (lines.Key == "mode")
                {
                    sawMode = true;
                }
            }
            if (lines.Error != null)
            {
                return Fail(lines.Error);
            }
            if (!sawMode)
            {
                return Fail("mode is missing (host or continuous)");
            }
            if (profile.Mode == ScanMode.HostTriggered && profile.TriggerCommand.Length == 0)
            {
                return Fail("host mode needs a trigger command");
            }
            return profile;
        }

        private ScannerProfile Fail(string why)
        {
            Error = why;
            return null;
        }

        private string Apply(ScannerProfile profile, string key, string value)
        {
            if (key == "name")
            {
                profile.Name = value;
                return value.Length == 0 ? "name is empty" : null;
            }
            if (key == "baud")
            {
                long baud = ConfigValues.ParseNumber(value);
                // The rates GM65-class engines offer run from 1200 to 115200; the UART takes 300 and up.
                if (baud < 300 || baud > 921600)
                {
                    return "baud must be a number from 300 to 921600, not '" + value + "'";
                }
                profile.BaudRate = (int)baud;
                return null;
            }
            if (key == "mode")
            {
                if (value == "host")
                {
                    profile.Mode = ScanMode.HostTriggered;
                    return null;
                }
                if (value == "continuous")
                {
                    profile.Mode = ScanMode.Continuous;
                    return null;
                }
                return "mode must be host or continuous, not '" + value + "'";
            }
            if (key == "terminator")
            {
                int count = ConfigValues.ParseHexBytes(value, _bytes);
                if (count < 1 || count > 2)
                {
                    return "terminator must be one or two hex bytes, e.g. 0D or 0D 0A";
                }
                for (int i = 0; i < count; i++)
                {
                    if (_bytes[i] >= 0x20 && _bytes[i] <= 0x7E)
                    {
                        return "terminator must not be a printable character";
                    }
                }
                profile.Terminators = ConfigValues.CopyOf(_bytes, count);
                return null;
            }
            if (key == "setup" || key == "trigger" || key == "stop" || key == "ack")
            {
                int count = ConfigValues.ParseHexBytes(value, _bytes);
                if (count == -2)
                {
                    return key + " is longer than " + _bytes.Length.ToString() + " bytes";
                }
                if (count < 0)
                {
                    return key + " must be hex bytes separated by spaces, e.g. 7E 00 08";
                }
                byte[] bytes = ConfigValues.CopyOf(_bytes, count);
                if (key == "setup")
                {
                    profile.SetupCommand = bytes;
                }
                else if (key == "trigger")
                {
                    profile.TriggerCommand = bytes;
                }
                else if (key == "stop")
                {
                    profile.StopCommand = bytes;
                }
                else
                {
                    profile.Ack = bytes;
                }
                return null;
            }
            return "unknown key '" + key + "'";
        }
    }
}
