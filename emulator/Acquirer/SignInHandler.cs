using PosFirmware.Emulator.Core;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// 0800 sign-in: new working keys, sent in F62 under the terminal master key with their check values.
/// The MAC key is stored in the ledger encrypted under the master key, never in clear.
/// </summary>
internal sealed class SignInHandler(SimRandom keyRandom) : IMessageHandler
{
    public string Handle(HostExchange x)
    {
        x.StartResponse();
        if (x.MerchantId.Length != 15 || x.TerminalId.Length != 8)
        {
            return x.Answer(x.Codes.FormatError, "0800 without F41/F42");
        }
        var config = x.Config;
        byte[] pin = NewKey(config.PinKeyBytes);
        byte[] mac = NewKey(config.MacKeyBytes);
        byte[] master = config.MasterKey();
        var field62 = new List<byte>();
        if (pin.Length > 0)
        {
            field62.AddRange(HostCrypto.EncryptEcb(master, pin));
            field62.AddRange(HostCrypto.CheckValue(pin, config.CheckValueBytes));
        }
        field62.AddRange(HostCrypto.EncryptEcb(master, mac));
        field62.AddRange(HostCrypto.CheckValue(mac, config.CheckValueBytes));
        var value = field62.ToArray();
        x.Response.Set(62, value, 0, value.Length);
        x.Ledger.SaveTerminalKey(x.MerchantId, x.TerminalId, HostCrypto.EncryptEcb(master, mac), x.NowMicros);
        return x.Answer(ResponseCodes.Approved, $"0800 sign-in {x.MerchantId}/{x.TerminalId}: working keys issued");
    }

    /// <summary>The terminal's MAC key from the ledger (stored under the master key), or null before its first sign-in.</summary>
    public static byte[]? StoredMacKey(HostExchange x)
    {
        byte[]? stored = x.Ledger.TerminalKey(x.MerchantId, x.TerminalId);
        return stored == null || stored.Length == 0 || stored.Length % 8 != 0 ? null : HostCrypto.DecryptEcb(x.Config.MasterKey(), stored);
    }

    private byte[] NewKey(int bytes)
    {
        var key = new byte[bytes];
        do
        {
            keyRandom.NextBytes(key, 0, bytes);
        }
        while (bytes > 0 && HostCrypto.IsWeak(key));
        return key;
    }
}
