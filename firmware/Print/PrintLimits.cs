using PosFirmware.Print.Text;

namespace PosFirmware.Print
{
    /// <summary>
    /// Every bound of the print engine, in one place. Buffers are allocated from these at start-up; input
    /// that would go past one is skipped and counted, never allowed to grow a buffer.
    /// </summary>
    public class PrintLimits
    {
        /// <summary>Dots across a line (384 on a 58 mm head at 8 dots/mm, docs/print-head.md, geometry).</summary>
        public int DotsPerLine = 384;

        /// <summary>Largest text magnification (GS ! / ESC !, ESC/POS allows x8). Bigger requests are clamped; this sizes the band buffer (6 KB at x8).</summary>
        public int MaxTextScale = 8;

        /// <summary>
        /// The text encoding after power-on and ESC @: GB18030 (Chinese mode on, as Chinese-market 58 mm printers
        /// ship), UTF-8, or the single-byte code table ESC t selects. FS &amp; / FS . and FS ( C change it in a job.
        /// </summary>
        public int PowerOnEncoding = TextEncoding.Gb18030;

        /// <summary>Most dot lines of one NV image (FS q, GS ( L fn 67) kept in the flash.</summary>
        public int MaxNvImageHeightDots = 1024;

        /// <summary>
        /// Most bytes all NV images together may take in the flash (files with their headers). The flash also
        /// holds the journal, the config and the font: without this bound a job of GS ( L definitions (95 x 95
        /// key codes, up to 48 KB each) could fill it and leave the journal no room for the next sale.
        /// An image that would go past it is refused and counted in PrintJobResult.RefusedImages.
        /// </summary>
        public int MaxNvImageBytes = 64 * 1024;

        /// <summary>Most characters held for one printed line before it is printed (a full line of 8-dot cells is 48).</summary>
        public int MaxLineItems = 64;

        /// <summary>Most dot lines one GS v 0 raster image may have (receiptline splits images at 2048).</summary>
        public int MaxRasterHeightDots = 4096;

        /// <summary>
        /// Largest QR version the encoder is sized for (1..40): version 40 (177x177 modules, 2953 bytes or 7089
        /// digits at level L, 1273 bytes at H) needs about 19.6 KB of buffers; version 20 about 6.4 KB. A code
        /// that needs a larger version is refused and counted in PrintJobResult.RefusedCodes. The emulator's
        /// printer keeps 40; the terminal is bounded to TerminalMaxQrVersion (ForTerminal).
        /// </summary>
        public int MaxQrVersion = 40;

        /// <summary>
        /// The terminal's QR bound: version 20 (97x97 modules: 858 bytes at level L, 666 at M, 382 at H; a
        /// wallet or e-invoice code on a receipt is far smaller), 6.4 KB of encoder buffers, so the print
        /// engine stays inside TerminalRamBudgetBytes.
        /// </summary>
        public const int TerminalMaxQrVersion = 20;

        /// <summary>
        /// RAM the terminal's print engine may allocate at start-up (interpreter buffers, font cache and index):
        /// 32 KB, a third of the ~100 KB managed heap of an ESP32 without PSRAM (docs/platform.md, heap). With
        /// the defaults and TerminalMaxQrVersion it takes about 26 KB (measured on .NET); with version 40 about 39 KB.
        /// </summary>
        public const int TerminalRamBudgetBytes = 32 * 1024;

        /// <summary>The terminal's limits: the defaults with the QR encoder bounded to TerminalMaxQrVersion.</summary>
        public static PrintLimits ForTerminal()
        {
            PrintLimits limits = new PrintLimits();
            limits.MaxQrVersion = TerminalMaxQrVersion;
            return limits;
        }

        /// <summary>Most characters one QR code may carry (7089: version 40-L in numeric mode). The data stays in the job.</summary>
        public int MaxQrDataBytes = 7089;

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
