namespace PosFirmware.Print.Commands
{
    /// <summary>What the interpreter does with a command (EscPosCommand.Handler); grouped as the interpreter's files are.</summary>
    public static class CommandHandler
    {
        // Framing: skipped on purpose, by their exact length (cutter, drawer, status, macros, page mode, NV memory).
        /// <summary>Skipped and counted as ignored.</summary>
        public const int Ignore = 0;

        // Modes (EscPosInterpreter.Modes.cs).
        /// <summary>ESC @.</summary>
        public const int Initialise = 1;
        /// <summary>ESC !.</summary>
        public const int PrintMode = 2;
        /// <summary>ESC a.</summary>
        public const int Align = 3;
        /// <summary>ESC E / ESC G.</summary>
        public const int Bold = 4;
        /// <summary>ESC -.</summary>
        public const int Underline = 5;
        /// <summary>FS -.</summary>
        public const int ChineseUnderline = 6;
        /// <summary>ESC 2.</summary>
        public const int DefaultLineSpacing = 7;
        /// <summary>ESC 3.</summary>
        public const int LineSpacing = 8;
        /// <summary>ESC M.</summary>
        public const int Font = 9;
        /// <summary>ESC SP.</summary>
        public const int RightSpacing = 10;
        /// <summary>FS S.</summary>
        public const int ChineseSpacing = 11;
        /// <summary>ESC $.</summary>
        public const int AbsolutePosition = 12;
        /// <summary>ESC \.</summary>
        public const int RelativePosition = 13;
        /// <summary>ESC D.</summary>
        public const int TabStops = 14;
        /// <summary>ESC d.</summary>
        public const int FeedLines = 15;
        /// <summary>ESC J.</summary>
        public const int FeedDots = 16;
        /// <summary>ESC i / ESC m / GS V: feed to the tear bar.</summary>
        public const int Cut = 17;
        /// <summary>ESC {.</summary>
        public const int UpsideDown = 18;
        /// <summary>ESC V.</summary>
        public const int Rotate = 19;
        /// <summary>GS !.</summary>
        public const int CharacterSize = 20;
        /// <summary>GS B.</summary>
        public const int Reverse = 21;
        /// <summary>GS L.</summary>
        public const int LeftMargin = 22;
        /// <summary>GS W.</summary>
        public const int AreaWidth = 23;

        // Text (EscPosInterpreter.Text.cs).
        /// <summary>ESC t.</summary>
        public const int CodeTable = 30;
        /// <summary>ESC R.</summary>
        public const int InternationalSet = 31;
        /// <summary>FS &amp;.</summary>
        public const int ChineseModeOn = 32;
        /// <summary>FS ..</summary>
        public const int ChineseModeOff = 33;
        /// <summary>FS ( C: character encoding (fn 48: one-byte or UTF-8).</summary>
        public const int EncodingSelect = 34;
        /// <summary>ESC %.</summary>
        public const int UserCharactersOn = 35;
        /// <summary>ESC &amp;.</summary>
        public const int UserCharactersDefine = 36;
        /// <summary>ESC ?.</summary>
        public const int UserCharacterCancel = 37;
        /// <summary>FS !: Chinese character print mode (double width / height, underline).</summary>
        public const int ChinesePrintMode = 38;

        // Raster (EscPosInterpreter.Raster.cs).
        /// <summary>ESC *.</summary>
        public const int BitImage = 40;
        /// <summary>GS v 0.</summary>
        public const int RasterImage = 41;
        /// <summary>GS ( L / GS 8 L.</summary>
        public const int Graphics = 42;
        /// <summary>FS p.</summary>
        public const int NvImagePrint = 43;
        /// <summary>FS q.</summary>
        public const int NvImageDefine = 44;

        // Barcodes (EscPosInterpreter.Barcodes.cs).
        /// <summary>GS k.</summary>
        public const int Barcode = 50;
        /// <summary>GS h.</summary>
        public const int BarcodeHeight = 51;
        /// <summary>GS w.</summary>
        public const int BarcodeModule = 52;
        /// <summary>GS H.</summary>
        public const int HriPosition = 53;
        /// <summary>GS f.</summary>
        public const int HriFont = 54;

        // QR (EscPosInterpreter.Qr.cs).
        /// <summary>GS ( k.</summary>
        public const int TwoDimensionalCode = 60;
        /// <summary>ESC Z.</summary>
        public const int CloneQr = 61;
    }
}
