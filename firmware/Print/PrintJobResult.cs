using PosFirmware.Printing;

namespace PosFirmware.Print
{
    /// <summary>What one run of a print job did: how far it got, why it stopped, and what it skipped.</summary>
    public sealed class PrintJobResult
    {
        /// <summary>Ok if the whole job printed; otherwise the sink fault that stopped it.</summary>
        public PrintStatus Status;

        /// <summary>Dot lines done from the start of the job; pass this as skipDotLines to resume.</summary>
        public int DotLinesDone;

        /// <summary>
        /// On a fault: the first dot line of the element (text line, code, image) the fault cut, or
        /// DotLinesDone when it came between elements. Pass this as skipDotLines to resume when the fault lost
        /// the paper's place (see PrintQueue), so the element prints whole.
        /// </summary>
        public int ElementStartDotLine;

        /// <summary>Dot lines sent to the sink in this run.</summary>
        public int DotLinesSent;

        /// <summary>True if the job stopped at PrintLimits.MaxJobDotLines.</summary>
        public bool LineLimitReached;

        /// <summary>Bytes of the job interpreted before it stopped.</summary>
        public int BytesConsumed;

        /// <summary>Commands not recognised (skipped by their first two bytes).</summary>
        public int UnknownCommands;

        /// <summary>Commands recognised but cut short or out of range (skipped as a whole where their length is known).</summary>
        public int MalformedCommands;

        /// <summary>Commands recognised and skipped on purpose (cutter, drawer, status, page mode, other symbologies).</summary>
        public int IgnoredCommands;

        /// <summary>Characters printed as a replacement box: invalid UTF-8 or no glyph in the font.</summary>
        public int ReplacedCharacters;

        /// <summary>Barcodes and QR codes not printed: data the symbology cannot hold, or a symbol wider than the print area.</summary>
        public int RefusedCodes;

        /// <summary>NV images (FS q, GS ( L fn 67) not stored: all NV images together would pass PrintLimits.MaxNvImageBytes.</summary>
        public int RefusedImages;

        /// <summary>QR model 1 or micro QR requests printed as model 2 instead.</summary>
        public int SubstitutedQrModels;

        /// <summary>Characters laid out on the paper (including replacement boxes).</summary>
        public int CharactersPrinted;

        /// <summary>Size or scale requests clamped to a limit (text bigger than PrintLimits.MaxTextScale).</summary>
        public int ClampedRequests;

        /// <summary>True if the job printed to the end.</summary>
        public bool Completed
        {
            get { return Status == PrintStatus.Ok && !LineLimitReached; }
        }

        /// <summary>Zeroes every field.</summary>
        public void Reset()
        {
            Status = PrintStatus.Ok;
            DotLinesDone = 0;
            ElementStartDotLine = 0;
            DotLinesSent = 0;
            LineLimitReached = false;
            BytesConsumed = 0;
            UnknownCommands = 0;
            MalformedCommands = 0;
            IgnoredCommands = 0;
            ReplacedCharacters = 0;
            ClampedRequests = 0;
            RefusedCodes = 0;
            RefusedImages = 0;
            SubstitutedQrModels = 0;
            CharactersPrinted = 0;
        }
    }
}
