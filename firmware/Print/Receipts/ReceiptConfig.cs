namespace PosFirmware.Print.Receipts
{
    /// <summary>Layout and bounds of composed receipts.</summary>
    public class ReceiptConfig
    {
        /// <summary>Half-width columns per line in font A on a 384-dot head (12-dot cells).</summary>
        public int LineColumns = 32;

        /// <summary>Most bytes of ESC/POS one receipt may take; a longer receipt is refused, not cut.</summary>
        public int MaxReceiptBytes = 4096;

        /// <summary>QR module size in dots: 4 dots = 0.5 mm, read by phone cameras and zbar alike.</summary>
        public int QrModuleDots = 4;

        /// <summary>CODE128 module width in dots (GS w).</summary>
        public int BarcodeModuleDots = 2;

        /// <summary>CODE128 bar height in dots (GS h): 8 mm.</summary>
        public int BarcodeHeightDots = 64;

        /// <summary>Longest text (merchant name, reason) printed; longer text is cut, with a count of cut fields.</summary>
        public int MaxFieldChars = 96;

        /// <summary>
        /// Amounts up to this many fen need no signature: the merchant copy says 免签 instead of a signature line
        /// (the acquirer's small-amount no-signature limit; UNCONFIRMED: set per acquirer contract, 1000 yuan here).
        /// </summary>
        public long NoSignatureLimitFen = 1000_00;

        /// <summary>The acquirer's service hotline printed at the foot of transaction slips; null to leave it out.</summary>
        public string ServiceHotline = "95534";

        /// <summary>The terminal's serial number printed at the foot of transaction slips; null to leave it out.</summary>
        public string TerminalSerial;
    }
}
