using System.Net;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>A simulator on 127.0.0.1 and an ephemeral port, with a ledger file in a fresh temp folder.</summary>
internal sealed class TcpAcquirerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "posemu-acq-" + Guid.NewGuid().ToString("N"));
    private readonly List<RawTcpClient> _clients = [];

    public TcpAcquirerHarness(ulong seed = 1, Action<AcquirerConfig>? configure = null, string? dbPath = null)
    {
        Directory.CreateDirectory(_folder);
        DbPath = dbPath ?? Path.Combine(_folder, "ledger.db");
        // The business rules are tested on the host's own entry point (AcquirerHostRuleTests); over TCP
        // only the transport is, so nothing here waits for a rule's deadline.
        Config = new AcquirerConfig { LateResponseMillis = 600 };
        configure?.Invoke(Config);
        Ledger = new AcquirerLedger(DbPath);
        Host = new AcquirerHost(Config, Ledger, new SimRandom(seed));
        Server = new TcpAcquirerServer(Host, new IPEndPoint(IPAddress.Loopback, 0));
        Server.Start();
    }

    public string DbPath { get; }
    public AcquirerConfig Config { get; }
    public AcquirerLedger Ledger { get; }
    public AcquirerHost Host { get; }
    public TcpAcquirerServer Server { get; }

    public RawTcpClient Connect()
    {
        var client = new RawTcpClient(Server.LocalEndpoint);
        _clients.Add(client);
        return client;
    }

    /// <summary>Signs in with raw bytes and returns the MAC key decrypted from field 62.</summary>
    public byte[] SignIn(RawTcpClient client, int trace = 1)
    {
        client.Send(RawMessages.SignIn(trace));
        var response = Parse(client.ReceiveFrame(Wait));
        Assert.Equal(810, response.MessageType);
        Assert.Equal("00", response.GetText(39));
        return RawMessages.MacKeyFrom(response.ValueBuffer(62)[..response.Length(62)]);
    }

    /// <summary>Sends a request and returns the parsed answer (asserting one arrives in time).</summary>
    public Iso8583Message Exchange(RawTcpClient client, byte[] request)
    {
        client.Send(request);
        return Parse(client.ReceiveFrame(Wait));
    }

    /// <summary>Parses a response frame (TPDU swapped, same header) with the codec, checking the MAC when a key is given.</summary>
    public static Iso8583Message Parse(byte[]? frame, byte[]? mak = null)
    {
        Assert.NotNull(frame);
        Assert.Equal(frame.Length - 2, (frame[0] << 8) | frame[1]);
        Assert.Equal("6000000003", Convert.ToHexString(frame, 2, 5));
        var table = CupFieldTable.Create();
        var msg = new Iso8583Message(table);
        var codec = new Iso8583Codec(table);
        Assert.Equal(CodecStatus.Ok, codec.Unpack(frame, 13, frame.Length - 13, msg));
        if (mak != null)
        {
            Assert.Equal(Convert.ToHexString(RawMessages.CupEcbMac(mak, frame.AsSpan(13, frame.Length - 13 - 8))), Convert.ToHexString(frame, frame.Length - 8, 8));
        }
        return msg;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await Server.DisposeAsync();
        Ledger.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
