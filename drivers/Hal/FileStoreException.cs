using System;

namespace PosFirmware.Hal
{
    /// <summary>
    /// A file store refusal that firmware can handle: a missing file, a taken name, a full flash.
    /// Device adapters turn the platform's IOException into this, so shared code catches one type.
    /// </summary>
    public class FileStoreException : Exception
    {
        /// <summary>Creates the exception with its reason.</summary>
        public FileStoreException(string message) : base(message)
        {
        }
    }
}
