namespace PosFirmware.Hal
{
    /// <summary>Kinds of work a driver reports to an <see cref="ICpuMeter"/>.</summary>
    public enum CpuWork
    {
        /// <summary>A loop iteration over a byte: an array read, a table lookup or mask, a test.</summary>
        ByteIteration,

        /// <summary>A loop iteration over a single dot: a shift, a mask, a test.</summary>
        DotIteration,

        /// <summary>An arithmetic operation in double precision.</summary>
        DoubleOperation,

        /// <summary>An arithmetic operation in single precision.</summary>
        SingleOperation,

        /// <summary>A call into the runtime's native code (Array.Copy, Array.Clear).</summary>
        NativeCall,
    }
}
