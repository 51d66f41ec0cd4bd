namespace PosFirmware.Print.Commands
{
    /// <summary>
    /// One command of the ESC/POS set: its prefix (1 to 3 bytes), how its parameters are laid out, and what
    /// the interpreter does with it. The receipt writer writes commands from the same entries.
    /// </summary>
    public sealed class EscPosCommand
    {
        /// <summary>Creates an entry; prefix2 and prefix3 are -1 when the prefix is shorter.</summary>
        public EscPosCommand(string name, int handler, int layout, int fixedBytes, int prefix1, int prefix2, int prefix3)
        {
            Name = name;
            Handler = handler;
            Layout = layout;
            FixedBytes = fixedBytes;
            Prefix1 = (byte)prefix1;
            Prefix2 = prefix2;
            Prefix3 = prefix3;
            PrefixLength = prefix2 < 0 ? 1 : (prefix3 < 0 ? 2 : 3);
        }

        /// <summary>The command as the Epson reference writes it, e.g. "GS ( k".</summary>
        public readonly string Name;

        /// <summary>What the interpreter does (CommandHandler).</summary>
        public readonly int Handler;

        /// <summary>How its parameters are laid out (ParameterLayout).</summary>
        public readonly int Layout;

        /// <summary>Parameter bytes after the prefix for ParameterLayout.Fixed, and the header bytes before the data otherwise.</summary>
        public readonly int FixedBytes;

        /// <summary>First prefix byte (ESC, GS, FS, DLE or DC2).</summary>
        public readonly byte Prefix1;

        /// <summary>Second prefix byte, or -1.</summary>
        public readonly int Prefix2;

        /// <summary>Third prefix byte, or -1.</summary>
        public readonly int Prefix3;

        /// <summary>Prefix bytes (1 to 3).</summary>
        public readonly int PrefixLength;

        /// <summary>True if the prefix matches job at index at (with end the first index past the job).</summary>
        public bool Matches(byte[] job, int at, int end)
        {
            if (job[at] != Prefix1)
            {
                return false;
            }
            if (PrefixLength >= 2 && (at + 1 >= end || job[at + 1] != Prefix2))
            {
                return false;
            }
            return PrefixLength < 3 || (at + 2 < end && job[at + 2] == Prefix3);
        }
    }
}
