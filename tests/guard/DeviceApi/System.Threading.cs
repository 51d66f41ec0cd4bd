namespace System.Threading
{
    // source: nanoframework/System.Threading@v1.1.52:nanoFramework.System.Threading/CancellationToken.cs
    public readonly struct CancellationToken
    {
        public bool IsCancellationRequested { get { throw null; } }
    }

    // source: nanoframework/System.Threading@v1.1.52:nanoFramework.System.Threading/CancellationTokenSource.cs
    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { }
        public CancellationTokenSource(int millisecondsDelay) { }
        public CancellationToken Token { get { throw null; } }
        public void Cancel() { }
        public void Dispose() { }
    }
}
