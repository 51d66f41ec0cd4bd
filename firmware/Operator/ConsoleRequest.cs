using PosFirmware.Scanner;

namespace PosFirmware.Operator
{
    /// <summary>One request from the operator to the payment flow. Instances are allocated once and reused.</summary>
    public class ConsoleRequest
    {
        /// <summary>What is asked.</summary>
        public ConsoleRequestKind Kind;

        /// <summary>Sale amount in fen (Sale only).</summary>
        public long AmountFen;

        /// <summary>Trace number (ReprintByTrace only).</summary>
        public long Trace;

        /// <summary>The payment code's scheme from the code table (Sale only).</summary>
        public PaymentScheme Scheme;

        /// <summary>The payment code's digits (Sale only).</summary>
        public string Code;

        /// <summary>Why (ClearUnresolved): the operator's chosen reason.</summary>
        public string Reason;

        /// <summary>Copies another request's fields.</summary>
        public void CopyFrom(ConsoleRequest other)
        {
            Kind = other.Kind;
            AmountFen = other.AmountFen;
            Trace = other.Trace;
            Scheme = other.Scheme;
            Code = other.Code;
            Reason = other.Reason;
        }
    }
}
