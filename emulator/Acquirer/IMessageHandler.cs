namespace PosFirmware.Emulator.Acquirer;

/// <summary>The host's rules for one message type: fills the answer in the exchange, returns a one-line summary.</summary>
internal interface IMessageHandler
{
    string Handle(HostExchange x);
}
