namespace PosFirmware.Print
{
    /// <summary>What became of an NV image the job asked to store.</summary>
    public enum NvStoreStatus
    {
        /// <summary>In the flash (written, or already there as it is).</summary>
        Stored,

        /// <summary>Empty, or taller than PrintLimits.MaxNvImageHeightDots.</summary>
        BadSize,

        /// <summary>All NV images together would pass PrintLimits.MaxNvImageBytes.</summary>
        OverBudget,

        /// <summary>The flash refused the write (full, or failing).</summary>
        FlashFailed,
    }
}
