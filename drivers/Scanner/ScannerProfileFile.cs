using PosFirmware.Config;

namespace PosFirmware.Scanner
{
    /// <summary>
    /// The scanner profile file (Profiles/*.profile): its schema as a table and the rules between keys.
    /// Byte values are space-separated hex. A host-mode profile needs a trigger command.
    /// </summary>
    public static class ScannerProfileFile
    {
        /// <summary>The keys, their types, ranges and units; command lengths are bounded by config.</summary>
        public static ConfigKey[] Schema(ScannerConfig config)
        {
            int command = config.MaxCommandBytes;
            return new ConfigKey[]
            {
                //            key            type                   min   max      unit
                new ConfigKey("name",        ConfigType.Text,       1,    40,      "characters", false),
                // The rates GM65-class engines offer run from 1200 to 115200; the UART takes 300 and up.
                new ConfigKey("baud",        ConfigType.Integer,    300,  921600,  "bd", false),
                new ConfigKey("mode",        ConfigType.Text,       1,    10,      "characters", true),
                new ConfigKey("terminator",  ConfigType.HexBytes,   1,    2,       "bytes", false),
                new ConfigKey("setup",       ConfigType.HexBytes,   1,    command, "bytes", false),
                new ConfigKey("trigger",     ConfigType.HexBytes,   1,    command, "bytes", false),
                new ConfigKey("stop",        ConfigType.HexBytes,   1,    command, "bytes", false),
                new ConfigKey("ack",         ConfigType.HexBytes,   1,    command, "bytes", false),
                new ConfigKey("codeIds",     ConfigType.HexBytes,   1,    8,       "bytes", false),
            };
        }

        /// <summary>A reader for scanner profiles with the bounds of config.</summary>
        public static ConfigReader CreateReader(ScannerConfig config)
        {
            return new ConfigReader(Schema(config), config.MaxConfigFileBytes, config.MaxConfigLineChars, config.MaxCommandBytes);
        }

        /// <summary>Reads a profile; false with reader.Status and reader.Message saying why.</summary>
        public static bool TryParse(ConfigReader reader, byte[] text, int offset, int count, out ScannerProfile profile)
        {
            profile = null;
            if (!reader.TryRead(text, offset, count))
            {
                return false;
            }
            ScannerProfile p = new ScannerProfile();
            string value;
            if (reader.TryGetText("name", out value))
            {
                p.Name = value;
            }
            int baud;
            if (reader.TryGetInt("baud", out baud))
            {
                p.BaudRate = baud;
            }
            reader.TryGetText("mode", out value);
            if (value == "host")
            {
                p.Mode = ScanMode.HostTriggered;
            }
            else if (value == "continuous")
            {
                p.Mode = ScanMode.Continuous;
            }
            else
            {
                return reader.Fail("mode", "must be host or continuous, not '" + value + "'");
            }
            byte[] bytes;
            if (reader.TryGetHexBytes("terminator", out bytes))
            {
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] >= 0x20 && bytes[i] <= 0x7E)
                    {
                        return reader.Fail("terminator", "must not be a printable character");
                    }
                }
                p.Terminators = bytes;
            }
            if (reader.TryGetHexBytes("setup", out bytes))
            {
                p.SetupCommand = bytes;
            }
            if (reader.TryGetHexBytes("trigger", out bytes))
            {
                p.TriggerCommand = bytes;
            }
            if (reader.TryGetHexBytes("stop", out bytes))
            {
                p.StopCommand = bytes;
            }
            if (reader.TryGetHexBytes("ack", out bytes))
            {
                p.Ack = bytes;
            }
            if (reader.TryGetHexBytes("codeIds", out bytes))
            {
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] < 0x21 || bytes[i] > 0x7E)
                    {
                        return reader.Fail("codeIds", "each code-type ID must be a printable character");
                    }
                }
                p.CodeIds = bytes;
            }
            if (p.Mode == ScanMode.HostTriggered && p.TriggerCommand.Length == 0)
            {
                return reader.Fail("mode", "host mode needs a trigger command");
            }
            profile = p;
            return true;
        }
    }
}
