using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Builds the requests the terminal sends, field by field as docs/acquirer-protocol.md lists them. Every
    /// builder clears the message first and returns a CodecStatus (BadValue names an argument outside its
    /// field). The field-64 MAC is added when the channel sends the message.
    /// </summary>
    public sealed class CupMessages
    {
        /// <summary>Largest STAN (F11, n6); 0 is not used.</summary>
        public const int MaxTrace = 999999;

        /// <summary>Largest batch number (F60.2, n6).</summary>
        public const int MaxBatch = 999999;

        /// <summary>Largest amount in fen (F4, n12).</summary>
        public const long MaxAmountFen = 999999999999;

        /// <summary>Digits of one settlement total block (amount 12 + count 3, debit then credit, then a flag).</summary>
        public const int SettlementBlockDigits = 31;

        private readonly CupDialect _dialect;
        private readonly byte[] _scratch = new byte[64];

        /// <summary>Creates a builder for a dialect.</summary>
        public CupMessages(CupDialect dialect)
        {
            Check.That(dialect != null, "message builder needs a dialect");
            _dialect = dialect;
        }

        /// <summary>The dialect.</summary>
        public CupDialect Dialect
        {
            get { return _dialect; }
        }

        /// <summary>0800 sign-in: F11, F41, F42, F60 = 00 + batch + sign-in network code.</summary>
        public CodecStatus SignIn(Iso8583Message msg, int trace, int batch, string terminalId, string merchantId)
        {
            CodecStatus status = Start(msg, MessageTypes.SignIn, trace, terminalId, merchantId);
            if (status != CodecStatus.Ok)
            {
                return status;
            }
            return SetField60(msg, _dialect.ManagementTypeCode, batch, _dialect.SignInNetworkCode);
        }

        /// <summary>
        /// 0200 sale: F3, F4, F11, F22, F25, F41, F42, F49, F60 (22 + batch + 000) and the payment code in
        /// the configured field.
        /// </summary>
        public CodecStatus Sale(Iso8583Message msg, int trace, int batch, string terminalId, string merchantId, long amountFen, byte[] code, int codeOffset, int codeCount)
        {
            if (amountFen <= 0 || amountFen > MaxAmountFen)
            {
                return CodecStatus.BadValue;
            }
            CodecStatus status = Start(msg, MessageTypes.Financial, trace, terminalId, merchantId);
            status = Then(status, msg.SetText(3, _dialect.SaleProcessingCode));
            status = Then(status, msg.SetNumber(4, amountFen, 12));
            status = Then(status, msg.SetText(22, _dialect.EntryMode));
            status = Then(status, msg.SetText(25, _dialect.ConditionCode));
            status = Then(status, msg.SetText(49, _dialect.CurrencyCode));
            status = Then(status, msg.Set(_dialect.PaymentCodeField, code, codeOffset, codeCount));
            return Then(status, SetField60(msg, _dialect.SaleTypeCode, batch, _dialect.FinancialNetworkCode));
        }

        /// <summary>
        /// 0200 status query for an earlier sale: F3 = query code, F11 = a new trace, F25, F41, F42, F49,
        /// F60 (query type + batch), F61 = original batch (6) + original trace (6).
        /// </summary>
        public CodecStatus Query(Iso8583Message msg, int trace, int batch, string terminalId, string merchantId, int originalBatch, int originalTrace)
        {
            if (originalBatch < 0 || originalBatch > MaxBatch || originalTrace < 1 || originalTrace > MaxTrace)
            {
                return CodecStatus.BadValue;
            }
            CodecStatus status = Start(msg, MessageTypes.Financial, trace, terminalId, merchantId);
            status = Then(status, msg.SetText(3, _dialect.QueryProcessingCode));
            status = Then(status, msg.SetText(25, _dialect.ConditionCode));
            status = Then(status, msg.SetText(49, _dialect.CurrencyCode));
            status = Then(status, SetField60(msg, _dialect.QueryTypeCode, batch, _dialect.FinancialNetworkCode));
            WriteDigits(originalBatch, 6, 0);
            WriteDigits(originalTrace, 6, 6);
            return Then(status, msg.Set(61, _scratch, 0, 12));
        }

        /// <summary>
        /// 0400 reversal of a saved request (LiaoYang trancomm.c MakeReversalPack): an exact copy with the
        /// same F11, MTI 0400, F39 = reason (98 timeout, A0 bad MAC, 06 other), and the sensitive and
        /// response-only fields removed (F26, F35, F36, F37, F52, F53, F64). No authorisation code is known
        /// (the usual case: the answer never came).
        /// </summary>
        public CodecStatus Reversal(Iso8583Message original, string reasonCode, Iso8583Message reversal)
        {
            return Reversal(original, reasonCode, null, reversal);
        }

        /// <summary>
        /// The same reversal, carrying in F38 the original authorisation code when the answer gave one
        /// (MakeReversalPack sets F38 "if one exists", docs/acquirer-protocol.md, a sale and its reversal); null or empty leaves F38 out.
        /// </summary>
        public CodecStatus Reversal(Iso8583Message original, string reasonCode, string originalAuthCode, Iso8583Message reversal)
        {
            if (original == null || reversal == null || reasonCode == null || reasonCode.Length != 2)
            {
                return CodecStatus.BadValue;
            }
            bool hasAuthCode = originalAuthCode != null && originalAuthCode.Length > 0;
            if (hasAuthCode && originalAuthCode.Length != 6)
            {
                return CodecStatus.BadValue;
            }
            reversal.CopyFrom(original);
            reversal.MessageType = MessageTypes.Reversal;
            reversal.Remove(26);
            reversal.Remove(35);
            reversal.Remove(36);
            reversal.Remove(37);
            reversal.Remove(52);
            reversal.Remove(53);
            reversal.Remove(64);
            reversal.Remove(38);
            CodecStatus status = reversal.SetText(39, reasonCode);
            if (hasAuthCode)
            {
                status = Then(status, reversal.SetText(38, originalAuthCode));
            }
            return status;
        }

        /// <summary>
        /// 0500 settlement: F11, F41, F42, F49, F60 (00 + batch + 201), F48 = debit amount (12) + count (3)
        /// + credit amount (12) + count (3) + flag 0, then the same block of zeros for foreign currency.
        /// </summary>
        public CodecStatus Settlement(Iso8583Message msg, int trace, int batch, string terminalId, string merchantId, long debitFen, int debitCount, long creditFen, int creditCount)
        {
            if (debitFen < 0 || debitFen > MaxAmountFen || creditFen < 0 || creditFen > MaxAmountFen || debitCount < 0 || debitCount > 999 || creditCount < 0 || creditCount > 999)
            {
                return CodecStatus.BadValue;
            }
            CodecStatus status = Start(msg, MessageTypes.Settlement, trace, terminalId, merchantId);
            status = Then(status, msg.SetText(49, _dialect.CurrencyCode));
            status = Then(status, SetField60(msg, _dialect.ManagementTypeCode, batch, _dialect.SettlementNetworkCode));
            WriteDigits(debitFen, 12, 0);
            WriteDigits(debitCount, 3, 12);
            WriteDigits(creditFen, 12, 15);
            WriteDigits(creditCount, 3, 27);
            for (int i = 30; i < 2 * SettlementBlockDigits; i++)
            {
                _scratch[i] = (byte)'0';
            }
            return Then(status, msg.Set(48, _scratch, 0, 2 * SettlementBlockDigits));
        }

        /// <summary>
        /// 0320 batch-upload detail for one approved sale: F3, F4, F11 (a new trace), F41, F42, F60 (00 +
        /// batch + 201), F61 = batch + the sale's trace.
        /// </summary>
        public CodecStatus BatchUploadDetail(Iso8583Message msg, int trace, int batch, string terminalId, string merchantId, int saleTrace, long amountFen)
        {
            if (amountFen <= 0 || amountFen > MaxAmountFen || saleTrace < 1 || saleTrace > MaxTrace)
            {
                return CodecStatus.BadValue;
            }
            CodecStatus status = Start(msg, MessageTypes.BatchUpload, trace, terminalId, merchantId);
            status = Then(status, msg.SetText(3, _dialect.SaleProcessingCode));
            status = Then(status, msg.SetNumber(4, amountFen, 12));
            status = Then(status, SetField60(msg, _dialect.ManagementTypeCode, batch, _dialect.SettlementNetworkCode));
            WriteDigits(batch, 6, 0);
            WriteDigits(saleTrace, 6, 6);
            return Then(status, msg.Set(61, _scratch, 0, 12));
        }

        /// <summary>0320 batch-upload end: F11, F41, F42, F48 = detail count (4 digits), F60 (00 + batch + 202).</summary>
        public CodecStatus BatchUploadEnd(Iso8583Message msg, int trace, int batch, string terminalId, string merchantId, int detailCount)
        {
            if (detailCount < 0 || detailCount > 9999)
            {
                return CodecStatus.BadValue;
            }
            CodecStatus status = Start(msg, MessageTypes.BatchUpload, trace, terminalId, merchantId);
            status = Then(status, msg.SetNumber(48, detailCount, 4));
            return Then(status, SetField60(msg, _dialect.ManagementTypeCode, batch, _dialect.BatchUploadEndNetworkCode));
        }

        /// <summary>True when F39 is present and reads 00.</summary>
        public static bool IsApproved(Iso8583Message response)
        {
            return response.TextEquals(39, "00");
        }

        /// <summary>The settlement response's balance flag byte (F48[30]), or 0 when F48 is too short.</summary>
        public int SettlementFlag(Iso8583Message response)
        {
            int index = _dialect.SettlementFlagIndex;
            if (response.Length(48) <= index)
            {
                return 0;
            }
            return response.ValueBuffer(48)[index];
        }

        /// <summary>F60.2, the batch number: true with it, or false (batch 0) when F60 is missing, short or not digits.</summary>
        public static bool TryGetBatch(Iso8583Message msg, out long batch)
        {
            return msg.TryGetDigits(60, 2, 6, out batch);
        }

        private CodecStatus Start(Iso8583Message msg, int messageType, int trace, string terminalId, string merchantId)
        {
            msg.Clear();
            if (trace < 1 || trace > MaxTrace || terminalId == null || terminalId.Length != 8 || merchantId == null || merchantId.Length != 15)
            {
                return CodecStatus.BadValue;
            }
            msg.MessageType = messageType;
            CodecStatus status = msg.SetNumber(11, trace, 6);
            status = Then(status, msg.SetText(41, terminalId));
            return Then(status, msg.SetText(42, merchantId));
        }

        private CodecStatus SetField60(Iso8583Message msg, string typeCode, int batch, string networkCode)
        {
            if (batch < 0 || batch > MaxBatch || typeCode == null || typeCode.Length != 2 || networkCode == null || networkCode.Length != 3)
            {
                return CodecStatus.BadValue;
            }
            _scratch[0] = (byte)typeCode[0];
            _scratch[1] = (byte)typeCode[1];
            WriteDigits(batch, 6, 2);
            _scratch[8] = (byte)networkCode[0];
            _scratch[9] = (byte)networkCode[1];
            _scratch[10] = (byte)networkCode[2];
            return msg.Set(60, _scratch, 0, 11);
        }

        private void WriteDigits(long value, int digits, int at)
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                _scratch[at + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
        }

        private static CodecStatus Then(CodecStatus previous, CodecStatus next)
        {
            return previous != CodecStatus.Ok ? previous : next;
        }
    }
}
