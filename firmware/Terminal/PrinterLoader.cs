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
    /// Like ScannerLoader, a missing or bad file is a Message for the display, never a crash. The driver is
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

        /// <summary>Told of the driver's work as it does it (the emulator's device CPU model); null on the device.</summary>
        public ICpuMeter Cpu;

        /// <summary>Why the last TryLoad did not bring the printer fully up, naming the file; null after a good load.</summary>
        public string Message;

        /// <summary>
        /// Brings the printer up on pins: true with the queue that prints, or false with Message. The driver
        /// comes out whenever the profile is good and fits the board, even when TryLoad is false (a missing
        /// font), so the head is held safe; it is null when the profile could not be had or does not fit.
        /// </summary>
        public bool TryLoad(PrintHeadPins pins, MechanismProfile fitted, IClock clock, out ThermalHeadDriver driver, out PrintQueue queue)
        {
            Message = null;
            driver = null;
            queue = null;
            MechanismProfile profile = fitted;
            if (profile == null)
            {
                profile = ReadProfile(_config.PrintHeadProfileFile);
                if (profile == null)
                {
                    return false;
                }
            }
            if (pins.Strobes == null || pins.Strobes.Length != profile.StrobeBlocks)
            {
                int wired = pins.Strobes == null ? 0 : pins.Strobes.Length;
                Message = profile.Name + ": " + profile.StrobeBlocks.ToString() + " strobe blocks but the board wires " + wired.ToString();
                return false;
            }
            if (profile.DotsPerLine != _config.PrintLimits.DotsPerLine)
            {
                Message = profile.Name + ": " + profile.DotsPerLine.ToString() + " dots per line but the print engine lays out " + _config.PrintLimits.DotsPerLine.ToString();
                return false;
            }
            driver = new ThermalHeadDriver(profile, pins, _config.PrintHead, clock, Cpu);
            BitmapFont font = ReadFont(_config.PrintFontFile);
            if (font == null)
            {
                return false;
            }
            EscPosInterpreter interpreter = new EscPosInterpreter(font, _config.PrintLimits);
            // NV logos (FS q, GS ( L fn 67) live on the same flash, so they survive a reboot.
            interpreter.AttachNvImages(new NvImageStore(_store, _config.PrintLimits.DotsPerLine, _config.PrintLimits.MaxNvImageHeightDots, _config.PrintLimits.MaxNvImageBytes));
            queue = new PrintQueue(interpreter, driver, clock, _config.PrintQueue);
            return true;
        }

        private MechanismProfile ReadProfile(string name)
        {
            // Read once at boot: the buffer is a start-up allocation.
            byte[] text = new byte[_config.MaxPrintHeadProfileBytes];
            int size;
            StoreFileReader files = new StoreFileReader(_store);
            if (!files.TryReadAll(name, text, out size))
            {
                Message = files.Message;
                return null;
            }
            ConfigReader reader = MechanismProfileFile.CreateReader();
            MechanismProfile profile;
            if (!MechanismProfileFile.TryParse(reader, text, 0, size, out profile))
            {
                Message = name + ": " + reader.Message;
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
                    Message = name + " is missing: nothing can be printed";
                    return null;
                }
                BitmapFont font = new BitmapFont(new FileStoreFontData(_store, name));
                if (!font.IsValid)
                {
                    Message = name + " is not a font file (bad header or length): nothing can be printed";
                    return null;
                }
                return font;
            }
            catch (FileStoreException e)
            {
                Message = name + ": " + e.Message;
                return null;
            }
        }
    }
}
