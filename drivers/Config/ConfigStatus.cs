namespace PosFirmware.Config
{
    /// <summary>What a config reader found wrong with a file; Ok when nothing.</summary>
    public enum ConfigStatus
    {
        /// <summary>Every line read and every value fits its key.</summary>
        Ok = 0,

        /// <summary>The file holds no key = value line.</summary>
        Empty = 1,

        /// <summary>The file is longer than the reader's limit.</summary>
        TooLong = 2,

        /// <summary>A byte outside printable ASCII (tabs and CR LF line ends are fine).</summary>
        NotText = 3,

        /// <summary>A line is longer than the reader's line limit.</summary>
        LineTooLong = 4,

        /// <summary>A line that is neither blank, a comment, nor key = value.</summary>
        NotKeyValue = 5,

        /// <summary>A key the schema does not have.</summary>
        UnknownKey = 6,

        /// <summary>A key given more times than the schema allows.</summary>
        Repeated = 7,

        /// <summary>A required key is absent.</summary>
        Missing = 8,

        /// <summary>A value that is not of its key's type.</summary>
        BadValue = 9,

        /// <summary>A value (or list item) outside its key's range.</summary>
        OutOfRange = 10,

        /// <summary>A list with more items than the reader's limit.</summary>
        TooManyItems = 11,

        /// <summary>Values that are each fine but do not fit together (checked by the file's own rules).</summary>
        Inconsistent = 12,
    }
}
