namespace PosFirmware.Emulator.Acquirer;

/// <summary>What the host does in answer to one frame: zero, one or more sends, the fault applied, and whether to close.</summary>
public sealed class AcquirerReply
{
    /// <summary>The sends, in order.</summary>
    public List<AcquirerSend> Sends { get; } = [];

    /// <summary>The fault this exchange suffered.</summary>
    public AcquirerFault Fault { get; set; }

    /// <summary>True when the frame could not even be read (envelope or message type): the transport closes the connection at once.</summary>
    public bool Close { get; set; }

    /// <summary>One line on what happened (no key material, payment codes masked).</summary>
    public string Summary { get; set; } = "";
}
