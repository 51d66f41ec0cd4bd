namespace PosFirmware.Emulator.Acquirer;

/// <summary>What the simulator does wrong to one exchange (docs/acquirer-protocol.md, faults).</summary>
public enum AcquirerFault
{
    /// <summary>Behave.</summary>
    None,

    /// <summary>The request is lost before the host sees it: nothing is processed, nothing answered.</summary>
    DropRequest,

    /// <summary>The host processes (and commits) the request, but the answer is lost.</summary>
    DropResponse,

    /// <summary>The answer comes after the terminal's timeout.</summary>
    Late,

    /// <summary>The answer is sent twice.</summary>
    Duplicate,

    /// <summary>The answer's field 64 is wrong.</summary>
    CorruptMac,

    /// <summary>Half the answer is sent, then the connection is reset.</summary>
    ResetMidFrame,

    /// <summary>
    /// A reversal meets an order the customer is still confirming, and the customer's payment lands at
    /// the same moment: on one side of the race it lands first (the reversal then refunds it), on the
    /// other it lands after the order is cancelled (the payment is refused). The side is drawn from the seed.
    /// </summary>
    PayDuringReversal,
}
