using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;

namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>The driver on a virtual UART with the scan engine model on the other end.</summary>
public sealed class ScannerBench
{
    public const string WeChat = "134567890123456789";
    public const string WeChat2 = "109876543210987654";
    public const string Alipay = "287654321098765432";
    public const string UnionPay = "6212345678901234567";

    public ScannerBench(string profileName = "gm65.profile", ScannerConfig? config = null, ulong seed = 1)
    {
        Config = config ?? new ScannerConfig();
        Board = new VirtualBoard(seed);
        Profile = ScannerProfiles.Load(profileName, Config);
        Port = Board.Serial("test", "SCANNER", Profile.BaudRate);
        Model = new ScannerModel(Port, Board.Clock, Profile, Board.Random.Fork("scanner"));
        Driver = new BarcodeScanner(Port, Board.Clock, Profile, ScannerProfiles.LoadTable(Config), Config);
    }

    public ScannerConfig Config { get; }
    public VirtualBoard Board { get; }
    public ScannerProfile Profile { get; }
    public VirtualSerialPort Port { get; }
    public ScannerModel Model { get; }
    public BarcodeScanner Driver { get; }

    public long NowMicros => Board.Clock.NowMicros;

    /// <summary>Polls once per millisecond of virtual time until an outcome, or until maxMicros pass.</summary>
    public ScanStatus PollForOutcome(long maxMicros = 30_000_000)
    {
        long end = NowMicros + maxMicros;
        while (NowMicros <= end)
        {
            ScanStatus status = Driver.Poll();
            if (status != ScanStatus.None)
            {
                return status;
            }
            Board.Clock.DelayMicros(1000);
        }
        return ScanStatus.None;
    }

    /// <summary>Every outcome until a code is read or the window ends.</summary>
    public List<ScanStatus> ScanToEnd()
    {
        var outcomes = new List<ScanStatus>();
        for (int i = 0; i < 64; i++)
        {
            ScanStatus status = PollForOutcome();
            outcomes.Add(status);
            if (status is ScanStatus.CodeRead or ScanStatus.NoRead or ScanStatus.None)
            {
                break;
            }
        }
        return outcomes;
    }
}
