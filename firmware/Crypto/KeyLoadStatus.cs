namespace PosFirmware.Crypto
{
    /// <summary>What became of loading the working keys from a sign-in's field 62.</summary>
    public enum KeyLoadStatus
    {
        /// <summary>Loaded.</summary>
        Ok = 0,

        /// <summary>Field 62 has the wrong length for the configured layout.</summary>
        WrongLength = 1,

        /// <summary>The PIN key's check value did not match (wrong master key or a corrupted field).</summary>
        PinKeyCheckFailed = 2,

        /// <summary>The MAC key's check value did not match.</summary>
        MacKeyCheckFailed = 3,

        /// <summary>No master key loaded.</summary>
        NoMasterKey = 4,
    }
}
