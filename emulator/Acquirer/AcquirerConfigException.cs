namespace PosFirmware.Emulator.Acquirer;

/// <summary>A configuration value the simulator cannot use.</summary>
public sealed class AcquirerConfigException(string message) : Exception(message);
