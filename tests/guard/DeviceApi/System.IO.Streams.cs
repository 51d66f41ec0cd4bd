namespace System.IO
{
    // source: nanoframework/System.IO.Streams@v1.1.96:nanoFramework.System.IO.Streams/Stream.cs
    public abstract class Stream : IDisposable
    {
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public abstract void Flush();
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void Write(byte[] buffer, int offset, int count);
        public void Close() { }
        public void Dispose() { }
    }

    // source: nanoframework/System.IO.Streams@v1.1.96:nanoFramework.System.IO.Streams/SeekOrigin.cs
    public enum SeekOrigin
    {
        Begin,
        Current,
        End,
    }
}
