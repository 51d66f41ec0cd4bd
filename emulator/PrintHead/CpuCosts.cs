namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// What the firmware's work costs on the device, per operation, in microseconds of CPU time: the emulator
/// charges it in virtual time (<see cref="CpuCostModel"/>). On the device the firmware runs on the
/// nanoFramework interpreter on an ESP32. Every value is a settable constant:
/// <list type="bullet">
/// <item>A call into a hardware adapter (a pin write, an ADC read, an SPI or RMT send): 12 us. Source: a managed
/// GPIO toggle loop on an ESP32 runs at 27-81 kHz (nanoframework/Home issue 1013), i.e. 12-37 us per loop
/// iteration with its pin write; the fastest figure is taken. A call into the runtime's native code
/// (Array.Copy, Array.Clear of a few dozen bytes) is charged the same.</item>
/// <item>A loop iteration over a dot (a shift, a mask, a test, an array access): 1.5 us. UNCONFIRMED: an
/// estimate from the same figure for a loop iteration doing a few interpreted IL operations.</item>
/// <item>A loop iteration over a byte (an array read and a table lookup or mask): 2 us. UNCONFIRMED, as above.</item>
/// <item>A double-precision operation: 1 us. UNCONFIRMED: the ESP32's FPU does single precision only, so
/// doubles are done in software under the interpreter.</item>
/// <item>A single-precision operation: 0.5 us. UNCONFIRMED: the ESP32's FPU does it in hardware, so it costs
/// about one interpreted IL instruction, a third of the few a loop iteration takes (above).</item>
/// <item>An allocation (a new object or array): 10 us. UNCONFIRMED: allocation plus its share of garbage
/// collection on the managed heap.</item>
/// </list>
/// </summary>
public sealed class CpuCosts
{
    /// <summary>The model's name on the command line.</summary>
    public string Name { get; init; } = "none";

    /// <summary>A call into a hardware adapter, in us.</summary>
    public double AdapterCallMicros { get; init; }

    /// <summary>A loop iteration over a dot, in us.</summary>
    public double DotIterationMicros { get; init; }

    /// <summary>A loop iteration over a byte, in us.</summary>
    public double ByteIterationMicros { get; init; }

    /// <summary>A double-precision operation, in us.</summary>
    public double DoubleOperationMicros { get; init; }

    /// <summary>A single-precision operation, in us.</summary>
    public double SingleOperationMicros { get; init; }

    /// <summary>An allocation, in us.</summary>
    public double AllocationMicros { get; init; }

    /// <summary>No CPU cost: the firmware's code takes no time (the emulator's default).</summary>
    public static readonly CpuCosts None = new();

    /// <summary>The ESP32 running the nanoFramework interpreter (values and sources above).</summary>
    public static readonly CpuCosts Esp32Nano = new()
    {
        Name = "esp32-nano",
        AdapterCallMicros = 12,
        DotIterationMicros = 1.5,
        ByteIterationMicros = 2,
        DoubleOperationMicros = 1,
        SingleOperationMicros = 0.5,
        AllocationMicros = 10,
    };

    /// <summary>The names --cpu-model takes.</summary>
    public static readonly string[] Names = { "none", "esp32-nano" };

    /// <summary>The model of a name, or null for an unknown name.</summary>
    public static CpuCosts? Named(string name) => name switch
    {
        "none" => None,
        "esp32-nano" => Esp32Nano,
        _ => null,
    };

    /// <summary>True when the model charges nothing.</summary>
    public bool IsFree => AdapterCallMicros == 0 && DotIterationMicros == 0 && ByteIterationMicros == 0 && DoubleOperationMicros == 0 && SingleOperationMicros == 0 && AllocationMicros == 0;
}
