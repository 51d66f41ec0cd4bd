using PosFirmware.Scanner;

namespace PosFirmware.Print.Receipts
{
    /// <summary>Counts and amounts of one payment channel in a settled batch.</summary>
    public sealed class SettlementTotal
    {
        /// <summary>The channel.</summary>
        public PaymentScheme Channel;

        /// <summary>Number of sales.</summary>
        public int SaleCount;

        /// <summary>Sum of sales in fen.</summary>
        public long SaleFen;

        /// <summary>Number of refunds and voids.</summary>
        public int RefundCount;

        /// <summary>Sum of refunds and voids in fen (positive).</summary>
        public long RefundFen;
    }
}
