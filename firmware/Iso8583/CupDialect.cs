namespace PosFirmware.Iso8583
{
    /// <summary>
    /// The codes an acquirer's CUP POS dialect uses (docs/acquirer-protocol.md, message codes). Values marked [U] are not
    /// confirmed by a public spec and must be checked against the acquirer's terminal specification.
    /// </summary>
    public sealed class CupDialect
    {
        /// <summary>The field carrying the scanned payment code. [U]</summary>
        public int PaymentCodeField = CupFieldTable.DefaultPaymentCodeField;

        /// <summary>F3 of a sale (docs/acquirer-protocol.md, message codes: 00xxxx).</summary>
        public string SaleProcessingCode = "000000";

        /// <summary>F3 of a status query. [U] 31 is the balance-query code; acquirers may use their own.</summary>
        public string QueryProcessingCode = "310000";

        /// <summary>F22 POS entry mode for a scanned code. [U] 03 = bar code reader (ISO 8583 entry mode).</summary>
        public string EntryMode = "030";

        /// <summary>F25 POS condition code of a normal sale.</summary>
        public string ConditionCode = "00";

        /// <summary>F49 currency (ISO 4217 numeric, 156 = CNY).</summary>
        public string CurrencyCode = "156";

        /// <summary>F60.1 of a sale (消费, TrTable 22).</summary>
        public string SaleTypeCode = "22";

        /// <summary>F60.1 of a status query. [U]</summary>
        public string QueryTypeCode = "01";

        /// <summary>F60.1 of management messages (sign-in, settlement, batch upload).</summary>
        public string ManagementTypeCode = "00";

        /// <summary>F60.3 of a sale or query.</summary>
        public string FinancialNetworkCode = "000";

        /// <summary>F60.3 of sign-in. [U] 001 / 003 / 004 select key schemes per acquirer.</summary>
        public string SignInNetworkCode = "003";

        /// <summary>F60.3 of settlement (0500) and each batch-upload detail (0320).</summary>
        public string SettlementNetworkCode = "201";

        /// <summary>F60.3 of the batch-upload end message (202; some hosts use 207).</summary>
        public string BatchUploadEndNetworkCode = "202";

        /// <summary>Index in settlement F48 of the host's balance flag (docs/acquirer-protocol.md, settlement: F48[30]).</summary>
        public int SettlementFlagIndex = 30;

        /// <summary>Settlement flag: balanced.</summary>
        public byte SettlementBalanced = (byte)'1';

        /// <summary>Settlement flag: unbalanced (upload the batch).</summary>
        public byte SettlementUnbalanced = (byte)'2';
    }
}
