using PosFirmware.Config;
using PosFirmware.Hal;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Print.Text;
using PosFirmware.PrintHead;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// Brings the printer up at boot: the mechanism profile (given by the board, or read from the flash),
    /// the head driver on the board's pins, the font from the flash, the interpreter and the print queue.
    /// Like ScannerLoader, a missing or bad file is an Error for the display, never a crash. The driver is
    /// built whenever the profile is good (it holds the head safe: latch idle, strobes low, motor released),
    /// even when the font is missing and nothing can be printed.
    /// </summary>
    public class PrinterLoader
    {
        private readonly IFileStore _store;
        private readonly TerminalConfig _config;

        /// <summary>Creates a loader reading from store with the bounds of config.</summary>
        public PrinterLoader(IFileStore store, TerminalConfig config)
        {
            _store = store;
            _config = config;
        }

        /// <summary>Why the printer is not (fully) up, or null.</summary>
        public string Error;

        /// <summary>The head driver, or null when the profile could not be had or does not fit the board.</summary>
        public ThermalHeadDriver Driver;

        /// <summary>The queue that prints, or null when Error is set.</summary>
        public PrintQueue Queue;

        /// <summary>Loads everything; see Error, Driver and Queue.</summary>
        public void Load(PrintHeadPins pins, MechanismProfile fitted, IClock clock)
        {
            Error = null;
            Driver = null;
            Queue = null;
            MechanismProfile profile = fitted;
            if (profile == null)
            {
                profile = ReadProfile(_config.PrintHeadProfileFile);
                if (profile == null)
                {
                    return;
                }
            }
            if (pins.Strobes == null || pins.Strobes.Length != profile.StrobeBlocks)
            {
                int wired = pins.Strobes == null ? 0 : pins.Strobes.Length;
                Error = profile.Name + ": " + profile.StrobeBlocks.ToString() + " strobe blocks but the board wires " + wired.ToString();
                return;
            }
            if (profile.DotsPerLine != _config.PrintLimits.DotsPerLine)
            {
                Error = profile.Name + ": " + profile.DotsPerLine.ToString() + " dots per line but the print engine lays out " + _config.PrintLimits.DotsPerLine.ToString();
                return;
            }
            Driver = new ThermalHeadDriver(profile, pins, _config.PrintHead, clock);
            BitmapFont font = ReadFont(_config.PrintFontFile);
            if (font == null)
            {
                return;
            }
            EscPosInterpreter interpreter = new EscPosInterpreter(font, _config.PrintLimits);
            // NV logos (FS q, GS ( L fn 67) live on the same flash, so they survive a reboot.
            interpreter.AttachNvImages(new NvImageStore(_store, _config.PrintLimits.DotsPerLine, _config.PrintLimits.MaxNvImageHeightDots));
            Queue = new PrintQueue(interpreter, Driver, clock, _config.PrintQueue);
        }

        private MechanismProfile ReadProfile(string name)
        {
            // Read once at boot: the buffer is a start-up allocation.
            byte[] text = new byte[_config.MaxPrintHeadProfileBytes];
            int size;
            StoreFileReader files = new StoreFileReader(_store);
            if (!files.TryReadAll(name, text, out size))
            {
                Error = files.Message;
                return null;
            }
            ConfigReader reader = MechanismProfileFile.CreateReader();
            MechanismProfile profile;
            if (!MechanismProfileFile.TryParse(reader, text, 0, size, out profile))
            {
                Error = name + ": " + reader.Message;
                return null;
            }
            return profile;
        }

        private BitmapFont ReadFont(string name)
        {
            try
            {
                if (!_store.Exists(name))
                {
                    Error = name + " is missing: nothing can be printed";
                    return null;
                }
                BitmapFont font = new BitmapFont(new FileStoreFontData(_store, name));
                if (!font.IsValid)
                {
                    Error = name + " is not a font file (bad header or length): nothing can be printed";
                    return null;
                }
                return font;
            }
            catch (FileStoreException e)
            {
                Error = name + ": " + e.Message;
                return null;
            }
        }
    }
}
