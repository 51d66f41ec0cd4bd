namespace PosFirmware.Printing
{
    /// <summary>
    /// Every bound of the print engine, in one place. Buffers are allocated from these at start-up; input
    /// that would go past one is skipped and counted, never allowed to grow a buffer.
    /// </summary>
    public class PrintLimits
    {
        /// <summary>Dots across a line (384 on a 58 mm head at 8 dots/mm, docs/print-head.md, geometry).</summary>
        public int DotsPerLine = 384;

        /// <summary>Largest text magnification (GS ! / ESC !). Bigger requests are clamped; this sizes the band buffer.</summary>
        public int MaxTextScale = 2;

        /// <summary>Most characters held for one printed line before it is printed (a full line of 8-dot cells is 48).</summary>
        public int MaxLineItems = 64;

        /// <summary>Most dot lines one GS v 0 raster image may have (receiptline splits images at 2048).</summary>
        public int MaxRasterHeightDots = 4096;

        /// <summary>
        /// Largest QR version the encoder is sized for (1..40): version 20 (97x97 modules, up to 858 bytes at
        /// level L, 382 at H) needs about 12.7 KB of buffers; version 40 would need about 42 KB of the ESP32's RAM.
        /// </summary>
        public int MaxQrVersion = 20;

        /// <summary>Most bytes GS ( k fn 80 may store for a QR code (at most what MaxQrVersion holds at level L).</summary>
        public int MaxQrDataBytes = 512;

        /// <summary>Largest QR module size in dots (GS ( k fn 67 allows 1..16).</summary>
        public int MaxQrModuleDots = 16;

        /// <summary>Most data bytes in one barcode (GS k function B gives at most 255).</summary>
        public int MaxBarcodeDataBytes = 255;

        /// <summary>Most symbols in one CODE128 barcode, start, check and stop included.</summary>
        public int MaxCode128Symbols = 80;

        /// <summary>Most dot lines one job may print or feed: 4 m of paper. Past it the job stops as runaway.</summary>
        public int MaxJobDotLines = 32000;

        /// <summary>Dot lines fed on GS V so the last printed line clears the tear bar (UNCONFIRMED: depends on the case; 12 mm).</summary>
        public int TearBarFeedDotLines = 96;

        /// <summary>Default line spacing in dots (ESC 2): 3 mm, a 16-dot glyph plus 8 dots of leading.</summary>
        public int DefaultLineSpacingDots = 24;

        /// <summary>Most tab stops ESC D may set (Epson: 32).</summary>
        public int MaxTabStops = 32;
    }
}
