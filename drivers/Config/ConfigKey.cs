namespace PosFirmware.Config
{
    /// <summary>
    /// One row of a config file's schema: the key, its value type, the range every number in it must lie
    /// in, the unit that range is in, whether the file must give it, and how many times it may appear. A
    /// file's schema is an array of these, read like a datasheet's register table.
    /// </summary>
    public sealed class ConfigKey
    {
        /// <summary>The key as written in the file.</summary>
        public readonly string Name;

        /// <summary>The form of its value.</summary>
        public readonly ConfigType Type;

        /// <summary>Smallest number allowed (for lists, for each item; for text, the shortest length).</summary>
        public readonly double Min;

        /// <summary>Largest number allowed (for lists, for each item; for text and hex bytes, the longest length).</summary>
        public readonly double Max;

        /// <summary>The unit Min and Max are in, for error messages ("mV", "ohm", "bytes"); may be empty.</summary>
        public readonly string Unit;

        /// <summary>True if a file without this key is refused.</summary>
        public readonly bool Required;

        /// <summary>How many times the key may appear (1 for ordinary keys; more for one-line-per-entry tables).</summary>
        public readonly int MaxCount;

        /// <summary>A key that appears at most once.</summary>
        public ConfigKey(string name, ConfigType type, double min, double max, string unit, bool required)
            : this(name, type, min, max, unit, required, 1)
        {
        }

        /// <summary>A key that may appear up to maxCount times, in file order.</summary>
        public ConfigKey(string name, ConfigType type, double min, double max, string unit, bool required, int maxCount)
        {
            Name = name;
            Type = type;
            Min = min;
            Max = max;
            Unit = unit;
            Required = required;
            MaxCount = maxCount;
        }
    }
}
