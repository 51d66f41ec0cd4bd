namespace PosFirmware.Hal
{
    /// <summary>What became of reading a whole file from the store.</summary>
    public enum StoreReadStatus
    {
        /// <summary>The whole file is in the buffer.</summary>
        Ok = 0,

        /// <summary>No file of that name.</summary>
        Missing = 1,

        /// <summary>The file is larger than the buffer.</summary>
        TooLarge = 2,

        /// <summary>The store gave fewer bytes than the file's size.</summary>
        ShortRead = 3,

        /// <summary>The store failed (a flash error): its message is in the reader's Message.</summary>
        StoreFailed = 4,
    }
}
