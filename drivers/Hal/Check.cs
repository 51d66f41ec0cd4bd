namespace PosFirmware.Hal
{
    /// <summary>
    /// Always-on invariant checks. Debug.Assert is compiled out of nanoFramework release builds, and a
    /// broken invariant in a payment terminal must stop the operation, not go on quietly.
    /// </summary>
    public static class Check
    {
        /// <summary>Throws CheckFailedException with the reason when condition is false.</summary>
        public static void That(bool condition, string why)
        {
            if (!condition)
            {
                throw new CheckFailedException(why);
            }
        }
    }
}
