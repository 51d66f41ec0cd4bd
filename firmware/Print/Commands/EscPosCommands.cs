namespace PosFirmware.Print.Commands
{
    /// <summary>
    /// The ESC/POS command set of a 58 mm printer, one entry per command: Epson's set (TM-T20 / TM-P20
    /// class) and the Chinese-clone extensions (ESC Z / GS Z QR, ESC 7, DC2 #). The interpreter finds a
    /// command here, takes its exact length from its layout, and runs its handler; the receipt writer writes
    /// commands from the same entries. A command not here is unknown and skipped by its first two bytes.
    /// </summary>
    public static class EscPosCommands
    {
        /// <summary>ESC.</summary>
        public const int ESC = 0x1B;
        /// <summary>GS.</summary>
        public const int GS = 0x1D;
        /// <summary>FS.</summary>
        public const int FS = 0x1C;
        /// <summary>DLE.</summary>
        public const int DLE = 0x10;
        /// <summary>DC2.</summary>
        public const int DC2 = 0x12;

        /// <summary>Length returned for a command cut short by the end of the job.</summary>
        public const int Truncated = -1;

        /// <summary>Length returned for parameters that give no length (a bad GS k type, no NUL in reach).</summary>
        public const int BadParameters = -2;

        /// <summary>Most bytes a NUL-terminated parameter list may take before it counts as malformed.</summary>
        public const int MaxNulTerminatedBytes = 256;

        /// <summary>ESC @: Initialise the printer (modes back to their power-on state).</summary>
        public static readonly EscPosCommand Initialise = new EscPosCommand("ESC @", CommandHandler.Initialise, ParameterLayout.Fixed, 0, ESC, '@', -1);

        /// <summary>ESC !: Print mode: font B, bold, double height/width, underline.</summary>
        public static readonly EscPosCommand PrintMode = new EscPosCommand("ESC !", CommandHandler.PrintMode, ParameterLayout.Fixed, 1, ESC, '!', -1);

        /// <summary>ESC SP: Right-side character spacing in dots.</summary>
        public static readonly EscPosCommand RightSpacing = new EscPosCommand("ESC SP", CommandHandler.RightSpacing, ParameterLayout.Fixed, 1, ESC, ' ', -1);

        /// <summary>ESC $: Absolute print position nL nH.</summary>
        public static readonly EscPosCommand AbsolutePosition = new EscPosCommand("ESC $", CommandHandler.AbsolutePosition, ParameterLayout.Fixed, 2, ESC, '$', -1);

        /// <summary>ESC %: Select / cancel user-defined characters.</summary>
        public static readonly EscPosCommand UserCharactersOn = new EscPosCommand("ESC %", CommandHandler.UserCharactersOn, ParameterLayout.Fixed, 1, ESC, '%', -1);

        /// <summary>ESC &amp;: Define user-defined characters: y c1 c2 then x and y*x bytes per character.</summary>
        public static readonly EscPosCommand UserCharactersDefine = new EscPosCommand("ESC &", CommandHandler.UserCharactersDefine, ParameterLayout.UserCharacters, 3, ESC, '&', -1);

        /// <summary>ESC (: ESC ( A (beeper), ESC ( Y and the other length-prefixed ESC ( functions.</summary>
        public static readonly EscPosCommand EscLengthPrefixed = new EscPosCommand("ESC (", CommandHandler.Ignore, ParameterLayout.Length16, 1, ESC, '(', -1);

        /// <summary>ESC *: Bit image m nL nH, 8- or 24-dot columns.</summary>
        public static readonly EscPosCommand BitImage = new EscPosCommand("ESC *", CommandHandler.BitImage, ParameterLayout.BitImage, 3, ESC, '*', -1);

        /// <summary>ESC -: Underline 0, 1 or 2 dots.</summary>
        public static readonly EscPosCommand Underline = new EscPosCommand("ESC -", CommandHandler.Underline, ParameterLayout.Fixed, 1, ESC, '-', -1);

        /// <summary>ESC 2: Default line spacing.</summary>
        public static readonly EscPosCommand DefaultLineSpacing = new EscPosCommand("ESC 2", CommandHandler.DefaultLineSpacing, ParameterLayout.Fixed, 0, ESC, '2', -1);

        /// <summary>ESC 3: Line spacing n dots.</summary>
        public static readonly EscPosCommand LineSpacing = new EscPosCommand("ESC 3", CommandHandler.LineSpacing, ParameterLayout.Fixed, 1, ESC, '3', -1);

        /// <summary>ESC 4: Italic on (ESC/P; an optional 0/1 as the npm escpos family sends it): not printed.</summary>
        public static readonly EscPosCommand ItalicOn = new EscPosCommand("ESC 4", CommandHandler.Ignore, ParameterLayout.OptionalFlag, 0, ESC, '4', -1);

        /// <summary>ESC 5: Italic off (ESC/P).</summary>
        public static readonly EscPosCommand ItalicOff = new EscPosCommand("ESC 5", CommandHandler.Ignore, ParameterLayout.OptionalFlag, 0, ESC, '5', -1);

        /// <summary>ESC 7: Clone extension: heating dots, heat time, heat interval (n1 n2 n3).</summary>
        public static readonly EscPosCommand HeatSettings = new EscPosCommand("ESC 7", CommandHandler.Ignore, ParameterLayout.Fixed, 3, ESC, '7', -1);

        /// <summary>ESC =: Select peripheral device.</summary>
        public static readonly EscPosCommand SelectPeripheral = new EscPosCommand("ESC =", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, '=', -1);

        /// <summary>ESC ?: Cancel user-defined character n.</summary>
        public static readonly EscPosCommand UserCharacterCancel = new EscPosCommand("ESC ?", CommandHandler.UserCharacterCancel, ParameterLayout.Fixed, 1, ESC, '?', -1);

        /// <summary>ESC D: Horizontal tab stops n1 .. nk NUL.</summary>
        public static readonly EscPosCommand TabStops = new EscPosCommand("ESC D", CommandHandler.TabStops, ParameterLayout.NulTerminated, 0, ESC, 'D', -1);

        /// <summary>ESC E: Emphasised on / off.</summary>
        public static readonly EscPosCommand Bold = new EscPosCommand("ESC E", CommandHandler.Bold, ParameterLayout.Fixed, 1, ESC, 'E', -1);

        /// <summary>ESC G: Double-strike on / off (printed as emphasised).</summary>
        public static readonly EscPosCommand DoubleStrike = new EscPosCommand("ESC G", CommandHandler.Bold, ParameterLayout.Fixed, 1, ESC, 'G', -1);

        /// <summary>ESC J: Print and feed n dots.</summary>
        public static readonly EscPosCommand FeedDots = new EscPosCommand("ESC J", CommandHandler.FeedDots, ParameterLayout.Fixed, 1, ESC, 'J', -1);

        /// <summary>ESC K: Print and reverse feed n dots (clone): a thermal head cannot.</summary>
        public static readonly EscPosCommand ReverseFeedDots = new EscPosCommand("ESC K", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, 'K', -1);

        /// <summary>ESC L: Select page mode: printed in standard mode.</summary>
        public static readonly EscPosCommand PageMode = new EscPosCommand("ESC L", CommandHandler.Ignore, ParameterLayout.Fixed, 0, ESC, 'L', -1);

        /// <summary>ESC M: Character font A / B.</summary>
        public static readonly EscPosCommand Font = new EscPosCommand("ESC M", CommandHandler.Font, ParameterLayout.Fixed, 1, ESC, 'M', -1);

        /// <summary>ESC R: International character set.</summary>
        public static readonly EscPosCommand InternationalSet = new EscPosCommand("ESC R", CommandHandler.InternationalSet, ParameterLayout.Fixed, 1, ESC, 'R', -1);

        /// <summary>ESC S: Select standard mode.</summary>
        public static readonly EscPosCommand StandardMode = new EscPosCommand("ESC S", CommandHandler.Ignore, ParameterLayout.Fixed, 0, ESC, 'S', -1);

        /// <summary>ESC T: Print direction in page mode.</summary>
        public static readonly EscPosCommand PrintDirection = new EscPosCommand("ESC T", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, 'T', -1);

        /// <summary>ESC U: Unidirectional printing.</summary>
        public static readonly EscPosCommand Unidirectional = new EscPosCommand("ESC U", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, 'U', -1);

        /// <summary>ESC V: 90 degree clockwise rotation on / off.</summary>
        public static readonly EscPosCommand Rotate = new EscPosCommand("ESC V", CommandHandler.Rotate, ParameterLayout.Fixed, 1, ESC, 'V', -1);

        /// <summary>ESC W: Print area in page mode xL xH yL yH dxL dxH dyL dyH.</summary>
        public static readonly EscPosCommand PageArea = new EscPosCommand("ESC W", CommandHandler.Ignore, ParameterLayout.Fixed, 8, ESC, 'W', -1);

        /// <summary>ESC Z: Clone extension: QR code v e k nL nH data, as the npm escpos family sends it.</summary>
        public static readonly EscPosCommand CloneQr = new EscPosCommand("ESC Z", CommandHandler.CloneQr, ParameterLayout.CloneQr, 5, ESC, 'Z', -1);

        /// <summary>ESC \\: Relative print position nL nH.</summary>
        public static readonly EscPosCommand RelativePosition = new EscPosCommand("ESC \\", CommandHandler.RelativePosition, ParameterLayout.Fixed, 2, ESC, '\\', -1);

        /// <summary>ESC a: Justification left / centre / right.</summary>
        public static readonly EscPosCommand Align = new EscPosCommand("ESC a", CommandHandler.Align, ParameterLayout.Fixed, 1, ESC, 'a', -1);

        /// <summary>ESC c: ESC c 3 / 4 / 5 n: paper sensors, panel buttons.</summary>
        public static readonly EscPosCommand PaperSensor = new EscPosCommand("ESC c", CommandHandler.Ignore, ParameterLayout.Fixed, 2, ESC, 'c', -1);

        /// <summary>ESC d: Print and feed n lines.</summary>
        public static readonly EscPosCommand FeedLines = new EscPosCommand("ESC d", CommandHandler.FeedLines, ParameterLayout.Fixed, 1, ESC, 'd', -1);

        /// <summary>ESC e: Print and reverse feed n lines: a thermal head cannot.</summary>
        public static readonly EscPosCommand ReverseFeedLines = new EscPosCommand("ESC e", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, 'e', -1);

        /// <summary>ESC i: Full cut (tear-bar terminal: feed to the bar).</summary>
        public static readonly EscPosCommand CutFull = new EscPosCommand("ESC i", CommandHandler.Cut, ParameterLayout.Fixed, 0, ESC, 'i', -1);

        /// <summary>ESC m: Partial cut (tear-bar terminal: feed to the bar).</summary>
        public static readonly EscPosCommand CutPartial = new EscPosCommand("ESC m", CommandHandler.Cut, ParameterLayout.Fixed, 0, ESC, 'm', -1);

        /// <summary>ESC p: Drawer kick-out pulse m t1 t2.</summary>
        public static readonly EscPosCommand DrawerPulse = new EscPosCommand("ESC p", CommandHandler.Ignore, ParameterLayout.Fixed, 3, ESC, 'p', -1);

        /// <summary>ESC r: Print colour.</summary>
        public static readonly EscPosCommand Colour = new EscPosCommand("ESC r", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, 'r', -1);

        /// <summary>ESC t: Character code table.</summary>
        public static readonly EscPosCommand CodeTable = new EscPosCommand("ESC t", CommandHandler.CodeTable, ParameterLayout.Fixed, 1, ESC, 't', -1);

        /// <summary>ESC u: Transmit peripheral status (clone).</summary>
        public static readonly EscPosCommand PeripheralStatus = new EscPosCommand("ESC u", CommandHandler.Ignore, ParameterLayout.Fixed, 1, ESC, 'u', -1);

        /// <summary>ESC v: Transmit paper status (clone).</summary>
        public static readonly EscPosCommand PaperStatus = new EscPosCommand("ESC v", CommandHandler.Ignore, ParameterLayout.Fixed, 0, ESC, 'v', -1);

        /// <summary>ESC {: Upside-down printing on / off.</summary>
        public static readonly EscPosCommand UpsideDown = new EscPosCommand("ESC {", CommandHandler.UpsideDown, ParameterLayout.Fixed, 1, ESC, '{', -1);

        /// <summary>ESC <: Return home.</summary>
        public static readonly EscPosCommand ReturnHome = new EscPosCommand("ESC <", CommandHandler.Ignore, ParameterLayout.Fixed, 0, ESC, '<', -1);

        /// <summary>ESC SI: Condensed on (ESC/P): printed at normal width.</summary>
        public static readonly EscPosCommand CondensedOn = new EscPosCommand("ESC SI", CommandHandler.Ignore, ParameterLayout.Fixed, 0, ESC, 0x0F, -1);

        /// <summary>ESC FF: Print data in page mode.</summary>
        public static readonly EscPosCommand PageModePrint = new EscPosCommand("ESC FF", CommandHandler.Ignore, ParameterLayout.Fixed, 0, ESC, 0x0C, -1);

        /// <summary>GS !: Character size: width and height x1..x8.</summary>
        public static readonly EscPosCommand CharacterSize = new EscPosCommand("GS !", CommandHandler.CharacterSize, ParameterLayout.Fixed, 1, GS, '!', -1);

        /// <summary>GS $: Absolute vertical position in page mode nL nH.</summary>
        public static readonly EscPosCommand VerticalPosition = new EscPosCommand("GS $", CommandHandler.Ignore, ParameterLayout.Fixed, 2, GS, '$', -1);

        /// <summary>GS ( k: 2D codes: QR model, size, level, store, print.</summary>
        public static readonly EscPosCommand TwoDimensionalCode = new EscPosCommand("GS ( k", CommandHandler.TwoDimensionalCode, ParameterLayout.Length16, 0, GS, '(', 'k');

        /// <summary>GS ( L: Graphics: store in the buffer, print it, NV graphics.</summary>
        public static readonly EscPosCommand GraphicsLength16 = new EscPosCommand("GS ( L", CommandHandler.Graphics, ParameterLayout.Length16, 0, GS, '(', 'L');

        /// <summary>GS (: The other GS ( functions (test print, edit NV memory, ...).</summary>
        public static readonly EscPosCommand GsLengthPrefixed = new EscPosCommand("GS (", CommandHandler.Ignore, ParameterLayout.Length16, 1, GS, '(', -1);

        /// <summary>GS *: Define downloaded bit image x y.</summary>
        public static readonly EscPosCommand DownloadedImageDefine = new EscPosCommand("GS *", CommandHandler.Ignore, ParameterLayout.DownloadedImage, 2, GS, '*', -1);

        /// <summary>GS /: Print downloaded bit image.</summary>
        public static readonly EscPosCommand DownloadedImagePrint = new EscPosCommand("GS /", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, '/', -1);

        /// <summary>GS 8 L: Graphics with a 32-bit length (as GS ( L).</summary>
        public static readonly EscPosCommand GraphicsLength32 = new EscPosCommand("GS 8 L", CommandHandler.Graphics, ParameterLayout.Length32, 0, GS, '8', 'L');

        /// <summary>GS :: Start / end of macro definition.</summary>
        public static readonly EscPosCommand Macro = new EscPosCommand("GS :", CommandHandler.Ignore, ParameterLayout.Fixed, 0, GS, ':', -1);

        /// <summary>GS B: White / black reverse on / off.</summary>
        public static readonly EscPosCommand Reverse = new EscPosCommand("GS B", CommandHandler.Reverse, ParameterLayout.Fixed, 1, GS, 'B', -1);

        /// <summary>GS E: Print density / speed.</summary>
        public static readonly EscPosCommand PrintDensity = new EscPosCommand("GS E", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'E', -1);

        /// <summary>GS H: HRI position.</summary>
        public static readonly EscPosCommand HriPosition = new EscPosCommand("GS H", CommandHandler.HriPosition, ParameterLayout.Fixed, 1, GS, 'H', -1);

        /// <summary>GS I: Transmit printer ID.</summary>
        public static readonly EscPosCommand TransmitId = new EscPosCommand("GS I", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'I', -1);

        /// <summary>GS L: Left margin nL nH.</summary>
        public static readonly EscPosCommand LeftMargin = new EscPosCommand("GS L", CommandHandler.LeftMargin, ParameterLayout.Fixed, 2, GS, 'L', -1);

        /// <summary>GS P: Horizontal and vertical motion units.</summary>
        public static readonly EscPosCommand MotionUnits = new EscPosCommand("GS P", CommandHandler.Ignore, ParameterLayout.Fixed, 2, GS, 'P', -1);

        /// <summary>GS Q 0: Print variable vertical size bit image m xL xH yL yH.</summary>
        public static readonly EscPosCommand VariableBitImage = new EscPosCommand("GS Q 0", CommandHandler.Ignore, ParameterLayout.VariableBitImage, 5, GS, 'Q', '0');

        /// <summary>GS T: Print position to the beginning of the line.</summary>
        public static readonly EscPosCommand LineStart = new EscPosCommand("GS T", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'T', -1);

        /// <summary>GS V: Select cut mode and cut (tear-bar terminal: feed to the bar).</summary>
        public static readonly EscPosCommand Cut = new EscPosCommand("GS V", CommandHandler.Cut, ParameterLayout.Cut, 1, GS, 'V', -1);

        /// <summary>GS W: Print area width nL nH.</summary>
        public static readonly EscPosCommand AreaWidth = new EscPosCommand("GS W", CommandHandler.AreaWidth, ParameterLayout.Fixed, 2, GS, 'W', -1);

        /// <summary>GS Z: Clone extension: select the 2D code type for ESC Z (2 = QR).</summary>
        public static readonly EscPosCommand SelectTwoDimensional = new EscPosCommand("GS Z", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'Z', -1);

        /// <summary>GS \\: Relative vertical position in page mode nL nH.</summary>
        public static readonly EscPosCommand VerticalRelative = new EscPosCommand("GS \\", CommandHandler.Ignore, ParameterLayout.Fixed, 2, GS, '\\', -1);

        /// <summary>GS ^: Execute macro r t m.</summary>
        public static readonly EscPosCommand MacroRun = new EscPosCommand("GS ^", CommandHandler.Ignore, ParameterLayout.Fixed, 3, GS, '^', -1);

        /// <summary>GS a: Automatic status back.</summary>
        public static readonly EscPosCommand StatusBack = new EscPosCommand("GS a", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'a', -1);

        /// <summary>GS b: Smoothing on / off.</summary>
        public static readonly EscPosCommand Smoothing = new EscPosCommand("GS b", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'b', -1);

        /// <summary>GS c: Print counter.</summary>
        public static readonly EscPosCommand PrintCounter = new EscPosCommand("GS c", CommandHandler.Ignore, ParameterLayout.Fixed, 0, GS, 'c', -1);

        /// <summary>GS f: HRI font.</summary>
        public static readonly EscPosCommand HriFont = new EscPosCommand("GS f", CommandHandler.HriFont, ParameterLayout.Fixed, 1, GS, 'f', -1);

        /// <summary>GS g 0: Initialise maintenance counter m nL nH.</summary>
        public static readonly EscPosCommand CounterInitialise = new EscPosCommand("GS g 0", CommandHandler.Ignore, ParameterLayout.Fixed, 3, GS, 'g', '0');

        /// <summary>GS g 2: Transmit maintenance counter m nL nH.</summary>
        public static readonly EscPosCommand CounterTransmit = new EscPosCommand("GS g 2", CommandHandler.Ignore, ParameterLayout.Fixed, 3, GS, 'g', '2');

        /// <summary>GS h: Barcode height in dots.</summary>
        public static readonly EscPosCommand BarcodeHeight = new EscPosCommand("GS h", CommandHandler.BarcodeHeight, ParameterLayout.Fixed, 1, GS, 'h', -1);

        /// <summary>GS k: Print barcode, function A (m 0-6, to NUL) or B (m 65-79, n bytes).</summary>
        public static readonly EscPosCommand Barcode = new EscPosCommand("GS k", CommandHandler.Barcode, ParameterLayout.Barcode, 1, GS, 'k', -1);

        /// <summary>GS r: Transmit status.</summary>
        public static readonly EscPosCommand TransmitStatus = new EscPosCommand("GS r", CommandHandler.Ignore, ParameterLayout.Fixed, 1, GS, 'r', -1);

        /// <summary>GS v 0: Raster bit image m xL xH yL yH.</summary>
        public static readonly EscPosCommand RasterImage = new EscPosCommand("GS v 0", CommandHandler.RasterImage, ParameterLayout.Raster, 5, GS, 'v', '0');

        /// <summary>GS w: Barcode module width in dots.</summary>
        public static readonly EscPosCommand BarcodeModule = new EscPosCommand("GS w", CommandHandler.BarcodeModule, ParameterLayout.Fixed, 1, GS, 'w', -1);

        /// <summary>GS z 0: Online recovery wait time t1 t2.</summary>
        public static readonly EscPosCommand OnlineRecovery = new EscPosCommand("GS z 0", CommandHandler.Ignore, ParameterLayout.Fixed, 2, GS, 'z', '0');

        /// <summary>FS !: Chinese character print mode.</summary>
        public static readonly EscPosCommand ChinesePrintMode = new EscPosCommand("FS !", CommandHandler.ChinesePrintMode, ParameterLayout.Fixed, 1, FS, '!', -1);

        /// <summary>FS &amp;: Chinese (Kanji) mode on: two-byte GB18030.</summary>
        public static readonly EscPosCommand ChineseModeOn = new EscPosCommand("FS &", CommandHandler.ChineseModeOn, ParameterLayout.Fixed, 0, FS, '&', -1);

        /// <summary>FS .: Chinese (Kanji) mode off.</summary>
        public static readonly EscPosCommand ChineseModeOff = new EscPosCommand("FS .", CommandHandler.ChineseModeOff, ParameterLayout.Fixed, 0, FS, '.', -1);

        /// <summary>FS -: Chinese character underline.</summary>
        public static readonly EscPosCommand ChineseUnderline = new EscPosCommand("FS -", CommandHandler.ChineseUnderline, ParameterLayout.Fixed, 1, FS, '-', -1);

        /// <summary>FS 2: Define a user Chinese character c1 c2 and its 24x24 bitmap (72 bytes).</summary>
        public static readonly EscPosCommand ChineseUserCharacter = new EscPosCommand("FS 2", CommandHandler.Ignore, ParameterLayout.Fixed, 74, FS, '2', -1);

        /// <summary>FS ?: Cancel user Chinese character c1 c2.</summary>
        public static readonly EscPosCommand ChineseUserCancel = new EscPosCommand("FS ?", CommandHandler.Ignore, ParameterLayout.Fixed, 2, FS, '?', -1);

        /// <summary>FS ( C: Character code: fn 48 one-byte or UTF-8, fn 60 font priority.</summary>
        public static readonly EscPosCommand EncodingSelect = new EscPosCommand("FS ( C", CommandHandler.EncodingSelect, ParameterLayout.Length16, 0, FS, '(', 'C');

        /// <summary>FS (: The other FS ( functions (Kanji font, NV memory, receipt enhancement).</summary>
        public static readonly EscPosCommand FsLengthPrefixed = new EscPosCommand("FS (", CommandHandler.Ignore, ParameterLayout.Length16, 1, FS, '(', -1);

        /// <summary>FS C: Kanji code system (JIS / Shift JIS): two-byte text is GB18030 here.</summary>
        public static readonly EscPosCommand KanjiCodeSystem = new EscPosCommand("FS C", CommandHandler.Ignore, ParameterLayout.Fixed, 1, FS, 'C', -1);

        /// <summary>FS S: Chinese character spacing n1 n2.</summary>
        public static readonly EscPosCommand ChineseSpacing = new EscPosCommand("FS S", CommandHandler.ChineseSpacing, ParameterLayout.Fixed, 2, FS, 'S', -1);

        /// <summary>FS W: Chinese quadruple size.</summary>
        public static readonly EscPosCommand ChineseQuadruple = new EscPosCommand("FS W", CommandHandler.Ignore, ParameterLayout.Fixed, 1, FS, 'W', -1);

        /// <summary>FS g 1: Write user NV memory m a1 a2 a3 a4 nL nH and data.</summary>
        public static readonly EscPosCommand UserNvWrite = new EscPosCommand("FS g 1", CommandHandler.Ignore, ParameterLayout.UserNvWrite, 7, FS, 'g', '1');

        /// <summary>FS g 2: Read user NV memory m a1 a2 a3 a4 nL nH.</summary>
        public static readonly EscPosCommand UserNvRead = new EscPosCommand("FS g 2", CommandHandler.Ignore, ParameterLayout.Fixed, 7, FS, 'g', '2');

        /// <summary>FS p: Print NV bit image n m.</summary>
        public static readonly EscPosCommand NvImagePrint = new EscPosCommand("FS p", CommandHandler.NvImagePrint, ParameterLayout.Fixed, 2, FS, 'p', -1);

        /// <summary>FS q: Define NV bit images n and the images.</summary>
        public static readonly EscPosCommand NvImageDefine = new EscPosCommand("FS q", CommandHandler.NvImageDefine, ParameterLayout.NvImages, 1, FS, 'q', -1);

        /// <summary>DLE EOT: Real-time status n [a].</summary>
        public static readonly EscPosCommand RealTimeStatus = new EscPosCommand("DLE EOT", CommandHandler.Ignore, ParameterLayout.RealTimeStatus, 1, DLE, 0x04, -1);

        /// <summary>DLE ENQ: Real-time request n.</summary>
        public static readonly EscPosCommand RealTimeRequest = new EscPosCommand("DLE ENQ", CommandHandler.Ignore, ParameterLayout.Fixed, 1, DLE, 0x05, -1);

        /// <summary>DLE DC4: Real-time pulse / power-off / buzzer fn m t.</summary>
        public static readonly EscPosCommand RealTimePulse = new EscPosCommand("DLE DC4", CommandHandler.Ignore, ParameterLayout.Fixed, 3, DLE, 0x14, -1);

        /// <summary>DC2 #: Clone extension: print density n.</summary>
        public static readonly EscPosCommand PrintDensityClone = new EscPosCommand("DC2 #", CommandHandler.Ignore, ParameterLayout.Fixed, 1, DC2, '#', -1);

        /// <summary>DC2 T: Clone extension: print the self-test page.</summary>
        public static readonly EscPosCommand SelfTestClone = new EscPosCommand("DC2 T", CommandHandler.Ignore, ParameterLayout.Fixed, 0, DC2, 'T', -1);

        /// <summary>DC2: Condensed off (ESC/P).</summary>
        public static readonly EscPosCommand CondensedOff = new EscPosCommand("DC2", CommandHandler.Ignore, ParameterLayout.Fixed, 0, DC2, -1, -1);

        /// <summary>Every command, longer prefixes before the shorter ones they start with.</summary>
        public static readonly EscPosCommand[] All =
        {
            TwoDimensionalCode,
            GraphicsLength16,
            GraphicsLength32,
            VariableBitImage,
            CounterInitialise,
            CounterTransmit,
            RasterImage,
            OnlineRecovery,
            EncodingSelect,
            UserNvWrite,
            UserNvRead,
            Initialise,
            PrintMode,
            RightSpacing,
            AbsolutePosition,
            UserCharactersOn,
            UserCharactersDefine,
            EscLengthPrefixed,
            BitImage,
            Underline,
            DefaultLineSpacing,
            LineSpacing,
            ItalicOn,
            ItalicOff,
            HeatSettings,
            SelectPeripheral,
            UserCharacterCancel,
            TabStops,
            Bold,
            DoubleStrike,
            FeedDots,
            ReverseFeedDots,
            PageMode,
            Font,
            InternationalSet,
            StandardMode,
            PrintDirection,
            Unidirectional,
            Rotate,
            PageArea,
            CloneQr,
            RelativePosition,
            Align,
            PaperSensor,
            FeedLines,
            ReverseFeedLines,
            CutFull,
            CutPartial,
            DrawerPulse,
            Colour,
            CodeTable,
            PeripheralStatus,
            PaperStatus,
            UpsideDown,
            ReturnHome,
            CondensedOn,
            PageModePrint,
            CharacterSize,
            VerticalPosition,
            GsLengthPrefixed,
            DownloadedImageDefine,
            DownloadedImagePrint,
            Macro,
            Reverse,
            PrintDensity,
            HriPosition,
            TransmitId,
            LeftMargin,
            MotionUnits,
            LineStart,
            Cut,
            AreaWidth,
            SelectTwoDimensional,
            VerticalRelative,
            MacroRun,
            StatusBack,
            Smoothing,
            PrintCounter,
            HriFont,
            BarcodeHeight,
            Barcode,
            TransmitStatus,
            BarcodeModule,
            ChinesePrintMode,
            ChineseModeOn,
            ChineseModeOff,
            ChineseUnderline,
            ChineseUserCharacter,
            ChineseUserCancel,
            FsLengthPrefixed,
            KanjiCodeSystem,
            ChineseSpacing,
            ChineseQuadruple,
            NvImagePrint,
            NvImageDefine,
            RealTimeStatus,
            RealTimeRequest,
            RealTimePulse,
            PrintDensityClone,
            SelfTestClone,
            CondensedOff,
        };

        /// <summary>The command starting at job[at], or null if it is not in the table.</summary>
        public static EscPosCommand Find(byte[] job, int at, int end)
        {
            // The table is ordered longest prefix first, so the first match is the most specific.
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Matches(job, at, end))
                {
                    return All[i];
                }
            }
            return null;
        }

        /// <summary>
        /// The exact length in bytes (prefix included) of the command at job[at], or Truncated if the job
        /// ends inside it, or BadParameters if its parameters give no length.
        /// </summary>
        public static int LengthOf(EscPosCommand command, byte[] job, int at, int end)
        {
            int head = command.PrefixLength + command.FixedBytes;
            if (end - at < head)
            {
                return Truncated;
            }
            int p = at + command.PrefixLength;
            long length;
            switch (command.Layout)
            {
                case ParameterLayout.Fixed:
                    return head;
                case ParameterLayout.OptionalFlag:
                    return at + head < end && job[at + head] <= 1 ? head + 1 : head;
                case ParameterLayout.NulTerminated:
                    return NulTerminated(job, p, end, head);
                case ParameterLayout.Length16:
                    // pL pH follow the prefix and, for the generic ESC ( / GS ( / FS ( entries, the function byte.
                    if (end - at - head < 2)
                    {
                        return Truncated;
                    }
                    length = head + 2 + U16(job, at + head);
                    break;
                case ParameterLayout.Length32:
                    if (end - p < 4)
                    {
                        return Truncated;
                    }
                    length = head + 4 + U16(job, p) + ((long)U16(job, p + 2) << 16);
                    break;
                case ParameterLayout.Barcode:
                    return BarcodeLength(job, p, end, head);
                case ParameterLayout.BitImage:
                    length = head + (long)U16(job, p + 1) * (job[p] == 32 || job[p] == 33 ? 3 : 1);
                    break;
                case ParameterLayout.Raster:
                case ParameterLayout.VariableBitImage:
                    length = head + (long)U16(job, p + 1) * U16(job, p + 3);
                    break;
                case ParameterLayout.DownloadedImage:
                    length = head + (long)job[p] * job[p + 1] * 8;
                    break;
                case ParameterLayout.CloneQr:
                case ParameterLayout.UserNvWrite:
                    length = head + U16(job, p + command.FixedBytes - 2);
                    break;
                case ParameterLayout.Cut:
                    int m = job[p];
                    length = m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104 ? head + 1 : head;
                    break;
                case ParameterLayout.RealTimeStatus:
                    length = job[p] == 7 || job[p] == 8 ? head + 1 : head;
                    break;
                case ParameterLayout.NvImages:
                    return NvImagesLength(job, p, end, head);
                case ParameterLayout.UserCharacters:
                    return UserCharactersLength(job, p, end, head);
                default:
                    return BadParameters;
            }
            return length > end - at ? Truncated : (int)length;
        }

        /// <summary>Little-endian 16-bit value at job[at].</summary>
        public static int U16(byte[] job, int at)
        {
            return job[at] | (job[at + 1] << 8);
        }

        private static int NulTerminated(byte[] job, int dataAt, int end, int head)
        {
            for (int i = 0; i < MaxNulTerminatedBytes; i++)
            {
                if (dataAt + i >= end)
                {
                    return Truncated;
                }
                if (job[dataAt + i] == 0)
                {
                    return head + i + 1;
                }
            }
            return BadParameters;
        }

        private static int BarcodeLength(byte[] job, int p, int end, int head)
        {
            int m = job[p];
            if (m <= 6)
            {
                return NulTerminated(job, p + 1, end, head);
            }
            if (m >= 65 && m <= 79)
            {
                if (end - p < 2)
                {
                    return Truncated;
                }
                int length = head + 1 + job[p + 1];
                return length > end - p + head - 1 ? Truncated : length;
            }
            return BadParameters;
        }

        private static int NvImagesLength(byte[] job, int p, int end, int head)
        {
            // FS q n then n images: xL xH yL yH and x * y * 8 bytes (x, y in bytes of 8 dots).
            int images = job[p];
            long at = p + 1;
            for (int k = 0; k < images; k++)
            {
                if (end - at < 4)
                {
                    return Truncated;
                }
                at += 4 + (long)U16(job, (int)at) * U16(job, (int)at + 2) * 8;
                if (at > end)
                {
                    return Truncated;
                }
            }
            return (int)(at - p) + head - 1;
        }

        private static int UserCharactersLength(byte[] job, int p, int end, int head)
        {
            // ESC & y c1 c2, then for each character: x (its width in dots) and y * x bytes.
            int y = job[p];
            int first = job[p + 1];
            int last = job[p + 2];
            if (last < first)
            {
                return BadParameters;
            }
            long at = p + 3;
            for (int c = first; c <= last; c++)
            {
                if (at >= end)
                {
                    return Truncated;
                }
                at += 1 + (long)y * job[(int)at];
                if (at > end)
                {
                    return Truncated;
                }
            }
            return (int)(at - p) + head - 3;
        }
    }
}
