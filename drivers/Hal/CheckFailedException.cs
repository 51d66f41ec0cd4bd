using System;

namespace PosFirmware.Hal
{
    /// <summary>A broken invariant: a bug, never a bad input (bad input is reported, not thrown).</summary>
    public class CheckFailedException : Exception
    {
        /// <summary>Creates the exception with the violated rule as its message.</summary>
        public CheckFailedException(string why) : base(why)
        {
        }
    }
}
