namespace PosFirmware.Payment
{
    /// <summary>Where one request/answer exchange with the acquirer stands.</summary>
    public enum ExchangeResult
    {
        /// <summary>Sent; no answer yet and time is left.</summary>
        Waiting = 0,
        /// <summary>The matching answer arrived and its MAC checked (or none was expected).</summary>
        Answered = 1,
        /// <summary>The request never left: no connection could be made, or it could not be packed.</summary>
        NotSent = 2,
        /// <summary>No answer within the timeout.</summary>
        NoAnswer = 3,
        /// <summary>An answer arrived whose MAC is wrong or missing: its content cannot be trusted.</summary>
        BadMac = 4,
        /// <summary>The connection closed or reset before a whole answer came.</summary>
        ConnectionLost = 5,
        /// <summary>An answer arrived that could not be parsed.</summary>
        Malformed = 6,
    }
}
