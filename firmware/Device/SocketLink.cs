using System;
using System.Net;
using System.Net.Sockets;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// INetworkLink over a nanoFramework TCP socket. Connect blocks for the stack's own connect timeout
    /// (the API takes none), so the caller's timeout bounds only the waits we control; Receive waits with
    /// Poll, which takes microseconds.
    /// </summary>
    public sealed class SocketLink : INetworkLink
    {
        private readonly IPEndPoint _endPoint;
        private Socket _socket;

        /// <summary>Creates a link to an IPv4 address and port.</summary>
        public SocketLink(string address, int port)
        {
            _endPoint = new IPEndPoint(IPAddress.Parse(address), port);
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get { return _socket != null; }
        }

        /// <inheritdoc />
        public bool Connect(long timeoutMicros)
        {
            Close();
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                int timeoutMillis = (int)(timeoutMicros / 1000);
                socket.SendTimeout = timeoutMillis;
                socket.ReceiveTimeout = timeoutMillis;
                socket.Connect(_endPoint);
                _socket = socket;
                return true;
            }
            catch (SocketException)
            {
                socket.Close();
                return false;
            }
        }

        /// <inheritdoc />
        public int Send(byte[] buffer, int offset, int count)
        {
            if (_socket == null)
            {
                return -1;
            }
            try
            {
                int sent = 0;
                while (sent < count)
                {
                    sent += _socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
                }
                return count;
            }
            catch (SocketException)
            {
                Close();
                return -1;
            }
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count, long timeoutMicros)
        {
            if (_socket == null)
            {
                return -1;
            }
            try
            {
                int waitMicros = timeoutMicros > int.MaxValue ? int.MaxValue : (int)timeoutMicros;
                if (!_socket.Poll(waitMicros, SelectMode.SelectRead))
                {
                    return 0;
                }
                int n = _socket.Receive(buffer, offset, count, SocketFlags.None);
                if (n <= 0)
                {
                    Close();
                    return -1;
                }
                return n;
            }
            catch (SocketException)
            {
                Close();
                return -1;
            }
        }

        /// <inheritdoc />
        public void Close()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }
    }
}
