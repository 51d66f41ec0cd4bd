namespace PosFirmware.Iso8583
{
    /// <summary>
    /// The CUP POS field table, after LiaoYang_POS Src/st8583.c glData0 (docs/acquirer-protocol.md, framing). One line per
    /// field; lengths are digits for n/z, characters for ans, bytes for b.
    /// </summary>
    public static class CupFieldTable
    {
        /// <summary>The field that carries the scanned payment code by default. [U] acquirer-specific.</summary>
        public const int DefaultPaymentCodeField = 57;

        /// <summary>Builds a fresh table (callers may redefine fields for their acquirer).</summary>
        public static FieldTable Create()
        {
            var t = new FieldTable();
            t.Define(2, FieldFormat.NumericLlvar, 19, true, "primary account number");
            t.Define(3, FieldFormat.NumericFixed, 6, false, "processing code");
            t.Define(4, FieldFormat.NumericFixed, 12, false, "amount, transaction (fen)");
            t.Define(11, FieldFormat.NumericFixed, 6, false, "system trace audit number");
            t.Define(12, FieldFormat.NumericFixed, 6, false, "time, local (hhmmss)");
            t.Define(13, FieldFormat.NumericFixed, 4, false, "date, local (MMDD)");
            t.Define(14, FieldFormat.NumericFixed, 4, true, "date, expiration (YYMM)");
            t.Define(15, FieldFormat.NumericFixed, 4, false, "date, settlement (MMDD)");
            t.Define(22, FieldFormat.NumericFixed, 3, false, "POS entry mode");
            t.Define(23, FieldFormat.NumericFixed, 3, false, "card sequence number");
            t.Define(25, FieldFormat.NumericFixed, 2, false, "POS condition code");
            t.Define(26, FieldFormat.NumericFixed, 2, false, "POS PIN capture code");
            t.Define(32, FieldFormat.NumericLlvar, 11, false, "acquiring institution id");
            t.Define(35, FieldFormat.TrackLlvar, 37, true, "track 2 data");
            t.Define(36, FieldFormat.TrackLllvar, 104, true, "track 3 data");
            t.Define(37, FieldFormat.AlphaFixed, 12, false, "retrieval reference number");
            t.Define(38, FieldFormat.AlphaFixed, 6, false, "authorization code");
            t.Define(39, FieldFormat.AlphaFixed, 2, false, "response code");
            t.Define(41, FieldFormat.AlphaFixed, 8, false, "terminal id");
            t.Define(42, FieldFormat.AlphaFixed, 15, false, "merchant id");
            t.Define(44, FieldFormat.AlphaLlvar, 25, false, "additional response data");
            t.Define(48, FieldFormat.NumericLllvar, 322, false, "additional data (settlement totals)");
            t.Define(49, FieldFormat.AlphaFixed, 3, false, "currency code (156 = CNY)");
            t.Define(52, FieldFormat.BinaryFixed, 8, true, "PIN block");
            t.Define(53, FieldFormat.NumericFixed, 16, false, "security control information");
            t.Define(54, FieldFormat.AlphaLllvar, 20, false, "balance amount");
            t.Define(55, FieldFormat.BinaryLllvar, 255, true, "ICC data");
            t.Define(57, FieldFormat.AlphaLllvar, 100, true, "scanned payment code [U] acquirer-specific");
            t.Define(58, FieldFormat.AlphaLllvar, 100, false, "PBOC electronic cash data");
            t.Define(60, FieldFormat.NumericLllvar, 17, false, "60.1 type + 60.2 batch + 60.3 network code ...");
            t.Define(61, FieldFormat.NumericLllvar, 29, false, "original batch + trace (+ date)");
            t.Define(62, FieldFormat.BinaryLllvar, 512, true, "working keys / terminal data");
            t.Define(63, FieldFormat.AlphaLllvar, 163, false, "operator / card organisation / status text");
            t.Define(64, FieldFormat.BinaryFixed, 8, false, "message authentication code");
            return t;
        }
    }
}
