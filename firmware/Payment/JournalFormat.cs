using System.Text;
using PosFirmware.Common;
using PosFirmware.Scanner;

namespace PosFirmware.Payment
{
    /// <summary>
    /// The journal's on-flash record: "JR", type, 0, body length (u16), sequence (u32), body, CRC-32 (u32)
    /// of everything before it; all big-endian. A file starts with a FileHeader (its generation), carries a
    /// snapshot of the state, a SnapshotEnd, then the records appended since. Sequence numbers rise by
    /// exactly one from record to record, so a stale or replayed record never reads as the next one.
    /// </summary>
    public static class JournalFormat
    {
        /// <summary>First magic byte ('J').</summary>
        public const byte Magic0 = 0x4A;

        /// <summary>Second magic byte ('R').</summary>
        public const byte Magic1 = 0x52;

        /// <summary>Bytes before the body.</summary>
        public const int HeaderBytes = 10;

        /// <summary>Bytes of the CRC after the body.</summary>
        public const int CrcBytes = 4;

        /// <summary>Version written in the file header; a reader refuses any other.</summary>
        public const int FormatVersion = 1;

        /// <summary>Longest text field of a transaction record, in characters.</summary>
        public const int MaxTextChars = 64;

        // UTF-8 takes at most 3 bytes per UTF-16 char (a surrogate pair is 2 chars for 4 bytes).
        private const int MaxTextBytes = MaxTextChars * 3;
        private const int TxnFixedBytes = 32;
        private const int TxnTexts = 8;

        /// <summary>Largest body of any record (a transaction with every text at its bound).</summary>
        public const int MaxBodyBytes = TxnFixedBytes + TxnTexts * (1 + MaxTextBytes);

        /// <summary>Largest record.</summary>
        public const int MaxRecordBytes = HeaderBytes + MaxBodyBytes + CrcBytes;

        /// <summary>First record of a file: format version (u8) and generation (u32).</summary>
        public const byte FileHeader = 1;

        /// <summary>A whole transaction record.</summary>
        public const byte Txn = 2;

        /// <summary>The last trace handed out (u32).</summary>
        public const byte Trace = 3;

        /// <summary>The open batch (u32).</summary>
        public const byte Batch = 4;

        /// <summary>The sign-in key block as received (encrypted under the master key).</summary>
        public const byte Keys = 5;

        /// <summary>The key block is forgotten (empty body).</summary>
        public const byte KeysForgotten = 6;

        /// <summary>The snapshot written by compaction is complete (empty body); a file without it is ignored.</summary>
        public const byte SnapshotEnd = 7;

        /// <summary>Bytes of a file header's body.</summary>
        public const int FileHeaderBodyBytes = 5;

        /// <summary>True for a record type this version writes.</summary>
        public static bool IsKnownType(int type)
        {
            return type >= FileHeader && type <= SnapshotEnd;
        }

        /// <summary>A record type's name, for dumps and errors.</summary>
        public static string TypeName(int type)
        {
            switch (type)
            {
                case FileHeader: return "file";
                case Txn: return "txn";
                case Trace: return "trace";
                case Batch: return "batch";
                case Keys: return "keys";
                case KeysForgotten: return "keys-forgotten";
                case SnapshotEnd: return "snapshot-end";
                default: return "type-" + type.ToString();
            }
        }

        /// <summary>
        /// Completes a record whose body already sits at HeaderBytes in buffer: writes the header and the CRC.
        /// Returns the record's total length.
        /// </summary>
        public static int Frame(byte[] buffer, byte type, int bodyLength, uint sequence)
        {
            buffer[0] = Magic0;
            buffer[1] = Magic1;
            buffer[2] = type;
            buffer[3] = 0;
            BigEndian.WriteUInt16(buffer, 4, bodyLength);
            BigEndian.WriteUInt32(buffer, 6, sequence);
            int crcAt = HeaderBytes + bodyLength;
            BigEndian.WriteUInt32(buffer, crcAt, Crc32.Compute(buffer, 0, crcAt));
            return crcAt + CrcBytes;
        }

        /// <summary>Writes a file header's body at offset; returns its length.</summary>
        public static int WriteFileHeader(byte[] buffer, int offset, uint generation)
        {
            buffer[offset] = FormatVersion;
            BigEndian.WriteUInt32(buffer, offset + 1, generation);
            return FileHeaderBodyBytes;
        }

        /// <summary>
        /// Why a record cannot be journaled (a text over MaxTextChars, a null text, a number out of range), or null.
        /// </summary>
        public static string CheckTxn(TxnRecord r)
        {
            if (r == null)
            {
                return "no record";
            }
            if (r.Batch < 1 || r.Batch > Journal.MaxNumber || r.Trace < 1 || r.Trace > Journal.MaxNumber)
            {
                return "batch and trace must be 1.." + Journal.MaxNumber.ToString();
            }
            if (!TextFits(r.Code) || !TextFits(r.ResponseCode) || !TextFits(r.ReferenceNumber)
                || !TextFits(r.AuthCode) || !TextFits(r.HostDateTime) || !TextFits(r.ReversalReason) || !TextFits(r.ClearReason))
            {
                return "a text field is null or longer than " + MaxTextChars.ToString() + " characters";
            }
            return null;
        }

        private static bool TextFits(string text)
        {
            return text != null && text.Length <= MaxTextChars;
        }

        /// <summary>Writes a transaction's body at offset (CheckTxn must have passed); returns its length.</summary>
        public static int WriteTxn(TxnRecord r, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)r.Kind;
            buffer[offset + 1] = (byte)r.State;
            buffer[offset + 2] = (byte)r.Receipt;
            buffer[offset + 3] = 0;
            BigEndian.WriteUInt32(buffer, offset + 4, (uint)r.Batch);
            BigEndian.WriteUInt32(buffer, offset + 8, (uint)r.Trace);
            BigEndian.WriteUInt32(buffer, offset + 12, (uint)(r.AmountFen >> 32));
            BigEndian.WriteUInt32(buffer, offset + 16, (uint)r.AmountFen);
            BigEndian.WriteUInt32(buffer, offset + 20, (uint)r.ReversalAttempts);
            BigEndian.WriteUInt32(buffer, offset + 24, (uint)r.Queries);
            BigEndian.WriteUInt32(buffer, offset + 28, (uint)r.CopiesPrinted);
            int at = offset + TxnFixedBytes;
            at = WriteText(PaymentSchemeNames.Name(r.Scheme), buffer, at);
            at = WriteText(r.Code, buffer, at);
            at = WriteText(r.ResponseCode, buffer, at);
            at = WriteText(r.ReferenceNumber, buffer, at);
            at = WriteText(r.AuthCode, buffer, at);
            at = WriteText(r.HostDateTime, buffer, at);
            at = WriteText(r.ReversalReason, buffer, at);
            at = WriteText(r.ClearReason, buffer, at);
            return at - offset;
        }

        private static int WriteText(string text, byte[] buffer, int at)
        {
            int n = text.Length == 0 ? 0 : Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, at + 1);
            buffer[at] = (byte)n;
            return at + 1 + n;
        }

        /// <summary>
        /// Reads a transaction body, checking every field against what WriteTxn can produce; null when the
        /// body is malformed (a reader treats that as a bad record).
        /// </summary>
        public static TxnRecord ReadTxn(byte[] buffer, int offset, int count)
        {
            if (count < TxnFixedBytes + TxnTexts)
            {
                return null;
            }
            int kind = buffer[offset];
            int state = buffer[offset + 1];
            int receipt = buffer[offset + 2];
            if (kind != (int)TxnKind.Sale || state > (int)TxnState.Cleared || receipt > (int)ReceiptState.Printed || buffer[offset + 3] != 0)
            {
                return null;
            }
            int batch = (int)BigEndian.ReadUInt32(buffer, offset + 4);
            int trace = (int)BigEndian.ReadUInt32(buffer, offset + 8);
            if (batch < 1 || batch > Journal.MaxNumber || trace < 1 || trace > Journal.MaxNumber)
            {
                return null;
            }
            var r = new TxnRecord();
            r.Kind = (TxnKind)kind;
            r.State = (TxnState)state;
            r.Receipt = (ReceiptState)receipt;
            r.Batch = batch;
            r.Trace = trace;
            r.AmountFen = ((long)BigEndian.ReadUInt32(buffer, offset + 12) << 32) | BigEndian.ReadUInt32(buffer, offset + 16);
            r.ReversalAttempts = (int)BigEndian.ReadUInt32(buffer, offset + 20);
            r.Queries = (int)BigEndian.ReadUInt32(buffer, offset + 24);
            r.CopiesPrinted = (int)BigEndian.ReadUInt32(buffer, offset + 28);
            int end = offset + count;
            int at = offset + TxnFixedBytes;
            for (int field = 0; field < TxnTexts; field++)
            {
                if (at >= end)
                {
                    return null;
                }
                int n = buffer[at];
                if (n > MaxTextBytes || at + 1 + n > end)
                {
                    return null;
                }
                string text = n == 0 ? "" : Encoding.UTF8.GetString(buffer, at + 1, n);
                at += 1 + n;
                switch (field)
                {
                    case 0:
                        if (!PaymentSchemeNames.TryParse(text, out r.Scheme))
                        {
                            return null;
                        }
                        break;
                    case 1: r.Code = text; break;
                    case 2: r.ResponseCode = text; break;
                    case 3: r.ReferenceNumber = text; break;
                    case 4: r.AuthCode = text; break;
                    case 5: r.HostDateTime = text; break;
                    case 6: r.ReversalReason = text; break;
                    default: r.ClearReason = text; break;
                }
            }
            return at == end ? r : null;
        }
    }
}
