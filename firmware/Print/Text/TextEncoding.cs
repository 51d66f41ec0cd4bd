namespace PosFirmware.Print.Text
{
    /// <summary>The text encodings a job can start in (PrintLimits.PowerOnEncoding).</summary>
    public static class TextEncoding
    {
        /// <summary>Chinese mode on: GB18030 (one, two and four bytes), as Chinese-market printers start.</summary>
        public const int Gb18030 = 0;

        /// <summary>UTF-8, as after FS ( C fn 48 m 2.</summary>
        public const int Utf8 = 1;

        /// <summary>The single-byte code table ESC t selects (PC437 first), as an Epson printer starts.</summary>
        public const int SingleByte = 2;

        /// <summary>The encoding named "gb18030", "utf-8" or "single-byte" (case-insensitive), or -1.</summary>
        public static int Parse(string name)
        {
            string n = name == null ? "" : name.ToLower();
            if (n == "gb18030" || n == "gbk") { return Gb18030; }
            if (n == "utf-8" || n == "utf8") { return Utf8; }
            if (n == "single-byte" || n == "pc437") { return SingleByte; }
            return -1;
        }
    }
}
