namespace System.Net
{
    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/IPAddress.cs
    public class IPAddress
    {
        public IPAddress(long newAddress) { }
        public static IPAddress Parse(string ipString) { throw null; }
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/EndPoint.cs
    public abstract class EndPoint
    {
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/IPEndPoint.cs
    public class IPEndPoint : EndPoint
    {
        public IPEndPoint(IPAddress address, int port) { }
    }
}

namespace System.Net.Sockets
{
    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/Socket.cs
    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) { }
        public int SendTimeout { get { throw null; } set { } }
        public int ReceiveTimeout { get { throw null; } set { } }
        public void Connect(EndPoint remoteEP) { }
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw null; }
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw null; }
        public bool Poll(int microSeconds, SelectMode mode) { throw null; }
        public void Close() { }
        public void Dispose() { }
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/SocketException.cs
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) { }
        public int ErrorCode { get { throw null; } }
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/SocketErrors.cs
    public enum SocketError
    {
        SocketError,
        Success,
        TimedOut,
        ConnectionRefused,
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/AddressFamily.cs
    public enum AddressFamily
    {
        InterNetwork = 2,
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/SocketType.cs
    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/ProtocolType.cs
    public enum ProtocolType
    {
        Tcp = 6,
        Udp = 17,
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/SocketFlags.cs
    [Flags]
    public enum SocketFlags
    {
        None = 0,
    }

    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/Sockets/SelectMode.cs
    public enum SelectMode
    {
        SelectRead = 0,
        SelectWrite = 1,
        SelectError = 2,
    }
}

namespace nanoFramework.Networking
{
    // source: nanoframework/System.Net@v1.11.54:nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        ExceptionOccurred,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
    }
}
