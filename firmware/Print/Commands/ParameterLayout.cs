namespace PosFirmware.Print.Commands
{
    /// <summary>
    /// How the parameters after a command's prefix are laid out, which fixes the command's exact length
    /// (EscPosCommands.LengthOf). Lengths are from Epson's ESC/POS reference for each command and, for the
    /// clone extensions, from what the npm escpos family and Chinese 58 mm printers send.
    /// </summary>
    public static class ParameterLayout
    {
        /// <summary>A fixed number of parameter bytes (EscPosCommand.FixedBytes).</summary>
        public const int Fixed = 0;

        /// <summary>Bytes up to and including a NUL (ESC D n1 .. nk NUL).</summary>
        public const int NulTerminated = 1;

        /// <summary>pL pH after the fixed bytes (the function byte of a generic GS ( / FS ( / ESC ( entry), then pL + pH x 256 bytes.</summary>
        public const int Length16 = 2;

        /// <summary>p1 p2 p3 p4, then that many bytes (GS 8 L).</summary>
        public const int Length32 = 3;

        /// <summary>GS k m: m 0-6 data to NUL (function A); m 65-79 n then n bytes (function B).</summary>
        public const int Barcode = 4;

        /// <summary>ESC * m nL nH: (nL + nH x 256) columns of 1 byte (m 0, 1) or 3 bytes (m 32, 33).</summary>
        public const int BitImage = 5;

        /// <summary>GS v 0 m xL xH yL yH: (xL + xH x 256) x (yL + yH x 256) bytes.</summary>
        public const int Raster = 6;

        /// <summary>GS * x y: x x y x 8 bytes (downloaded bit image).</summary>
        public const int DownloadedImage = 7;

        /// <summary>FS q n, then n images of xL xH yL yH and (xL + xH x 256) x (yL + yH x 256) x 8 bytes.</summary>
        public const int NvImages = 8;

        /// <summary>ESC &amp; y c1 c2, then for each character c1..c2: x and y x x bytes.</summary>
        public const int UserCharacters = 9;

        /// <summary>ESC Z v e k nL nH, then nL + nH x 256 bytes (the npm escpos family's QR code).</summary>
        public const int CloneQr = 10;

        /// <summary>FS g 1 m a1 a2 a3 a4 nL nH, then nL + nH x 256 bytes (write user NV memory).</summary>
        public const int UserNvWrite = 11;

        /// <summary>GS V m [n]: n follows only for m 65, 66, 97, 98, 103, 104.</summary>
        public const int Cut = 12;

        /// <summary>DLE EOT n [a]: a follows only for n 7 and 8.</summary>
        public const int RealTimeStatus = 13;

        /// <summary>GS Q 0 m xL xH yL yH: (xL + xH x 256) x (yL + yH x 256) bytes (variable vertical size bit image).</summary>
        public const int VariableBitImage = 14;

        /// <summary>
        /// One parameter byte if it is 0 or 1, none otherwise: ESC 4 / ESC 5 are parameterless on Epson
        /// printers, while the npm escpos family sends ESC 4 0 and ESC 4 1; 0 and 1 are never text.
        /// </summary>
        public const int OptionalFlag = 15;
    }
}
