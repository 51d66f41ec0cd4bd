namespace PosFirmware.Payment
{
    /// <summary>The journal's files and bounds.</summary>
    public class JournalConfig
    {
        /// <summary>The two journal files; compaction writes the other one, so a cut never loses both.</summary>
        public string FileA = "journal.a";

        /// <summary>The second journal file.</summary>
        public string FileB = "journal.b";

        /// <summary>Most transaction records held (a batch plus the records that must be kept).</summary>
        public int MaxRecords = 150;

        /// <summary>A journal file past this size is compacted into the other file.</summary>
        public int MaxFileBytes = 32 * 1024;

        /// <summary>Largest key block (sign-in field 62, still encrypted under the master key) kept.</summary>
        public int MaxKeyBytes = 64;
    }
}
