using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Network;
using PosFirmware.Emulator.Storage;
using PosFirmware.Emulator.Trace;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// The ESP32 board in virtual time: one clock, one power rail, one seeded random source, one trace,
/// and the factory for every pin, bus and port, each of which implements a firmware hardware interface.
/// The flash chip outlives a board, so a test can cut the power, build a new board on the same flash
/// and boot the firmware again.
/// </summary>
public sealed class VirtualBoard
{
    /// <summary>Builds a board for a seed; pass the flash of a previous board to reboot on its contents.</summary>
    public VirtualBoard(ulong seed, FlashFileStore? flash = null, FlashMode flashMode = FlashMode.LittleFs, int maxTraceChanges = 20_000_000)
    {
        Seed = seed;
        Random = new SimRandom(seed);
        Clock = new VirtualClock();
        Power = new PowerRail();
        Trace = new SignalTrace(maxTraceChanges);
        Flash = flash ?? new FlashFileStore(flashMode, Random.Fork("flash"));
        Flash.Attach(Power, () => Clock.NowNanos);
        Flash.Reboot();
        Network = new VirtualNetwork(Clock, Random.Fork("network"));
        Idle = new VirtualIdleWait(Clock, Wake);
    }

    /// <summary>The seed every random draw on this board comes from.</summary>
    public ulong Seed { get; }

    /// <summary>The root random source; models fork their own streams from it by name.</summary>
    public SimRandom Random { get; }

    /// <summary>Virtual time.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The input-event line: keys, UART bytes, network data and sensor edges set it.</summary>
    public WakeSignal Wake { get; } = new();

    /// <summary>The firmware's idle sleep: to a deadline or the next input event.</summary>
    public VirtualIdleWait Idle { get; }

    /// <summary>The supply rail.</summary>
    public PowerRail Power { get; }

    /// <summary>Every level change on the board.</summary>
    public SignalTrace Trace { get; }

    /// <summary>The flash file store.</summary>
    public FlashFileStore Flash { get; }

    /// <summary>The network the board's links run on.</summary>
    public VirtualNetwork Network { get; }

    /// <summary>A firmware-driven output pin.</summary>
    public VirtualOutputPin OutputPin(string scope, string name, bool initial = false) =>
        new(Clock, Trace, Power, scope, name, initial);

    /// <summary>Firmware-driven output pins set together by one write, bit i for names[i], all low at first.</summary>
    public VirtualOutputPort OutputPort(string scope, params string[] names) =>
        new(Clock, Power, Array.ConvertAll(names, name => OutputPin(scope, name)));

    /// <summary>An input pin driven by a model.</summary>
    public VirtualInputPin InputPin(string scope, string name, bool initial = false) =>
        new(Clock, Trace, Power, scope, name, initial, Wake);

    /// <summary>An exact-width pulse output (RMT channel).</summary>
    public VirtualPulseOutput PulseOutput(string scope, string name) =>
        new(Clock, Trace, Power, scope, name);

    /// <summary>An RMT channel on an output pin the models already watch, idling at the pin's level (LAT).</summary>
    public VirtualPinPulse PulseOn(VirtualOutputPin pin) => new(Clock, Power, pin);

    /// <summary>An SPI master.</summary>
    public VirtualSpiBus Spi(string scope, string name, int clockHertz, bool traceBits = false) =>
        new(Clock, Trace, Power, scope, name, clockHertz, traceBits);

    /// <summary>A UART with a bounded receive buffer.</summary>
    public VirtualSerialPort Serial(string scope, string name, int baudRate, int receiveBufferBytes = 256, bool traceWires = true) =>
        new(Clock, Trace, Power, scope, name, baudRate, receiveBufferBytes, traceWires, Wake);

    /// <summary>An ADC channel.</summary>
    public VirtualAdcChannel Adc(string name, int initialMillivolts) =>
        new(Clock, Power, name, initialMillivolts);

    /// <summary>A network link to an endpoint on the virtual network.</summary>
    public VirtualNetworkLink NetworkLink(string endpoint, int receiveBufferBytes = 16 * 1024) =>
        new(Network, Power, endpoint, receiveBufferBytes, Wake);

    /// <summary>Writes the trace as VCD.</summary>
    public void WriteVcd(string path, long timescaleNanos = 1000) => VcdWriter.Write(Trace, path, timescaleNanos);
}
