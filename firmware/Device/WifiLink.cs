using System;
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// The acquirer link over Wi-Fi: INetworkLink that joins the station (credentials from WifiConfigFile
    /// on the flash, DHCP, the driver's automatic reconnection) before the first TCP connect, and joins
    /// again after a TCP connect fails (WifiNetworkHelper.ConnectDhcp returns at once when the station is
    /// still up on the same network). A failed join backs off, doubling from MinBackoffMicros to
    /// MaxBackoffMicros, so a dead access point does not stall every transaction attempt for the whole join
    /// timeout. The TCP side is SocketLink, to the address in AcquirerConfigFile.
    /// </summary>
    public sealed class WifiLink : INetworkLink
    {
        public const long JoinTimeoutMicros = 20000000;
        public const long MinBackoffMicros = 2000000;
        public const long MaxBackoffMicros = 60000000;

        private readonly WifiConfigFile _config;
        private readonly string _configError;
        private readonly SocketLink _socket;
        private readonly IClock _clock;
        private readonly JoinBackoff _backoff = new JoinBackoff(MinBackoffMicros, MaxBackoffMicros);
        private bool _joined;

        public WifiLink(WifiConfigFile config, AcquirerConfigFile acquirer, IClock clock)
        {
            _config = config;
            _configError = config.Message != null ? config.Message : acquirer.Message;
            // Without a good address there is nothing to connect to; IsConnected/Connect then answer false.
            _socket = acquirer.Message == null ? new SocketLink(acquirer.Address, acquirer.Port) : null;
            _clock = clock;
        }

        /// <summary>Why the last bring-up failed, or null.</summary>
        public string Message;

        /// <summary>Station joins tried since boot (the first and every reconnection).</summary>
        public int Joins;

        /// <inheritdoc />
        public bool IsConnected
        {
            get { return _socket != null && _socket.IsConnected; }
        }

        /// <inheritdoc />
        public bool Connect(long timeoutMicros)
        {
            if (!_joined && !Join())
            {
                return false;
            }
            if (_socket.Connect(timeoutMicros))
            {
                return true;
            }
            _joined = false;
            return false;
        }

        /// <inheritdoc />
        public int Send(byte[] buffer, int offset, int count)
        {
            return _socket != null ? _socket.Send(buffer, offset, count) : -1;
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count, long timeoutMicros)
        {
            return _socket != null ? _socket.Receive(buffer, offset, count, timeoutMicros) : -1;
        }

        /// <inheritdoc />
        public void Close()
        {
            if (_socket != null)
            {
                _socket.Close();
            }
        }

        private bool Join()
        {
            if (_configError != null)
            {
                Message = _configError;
                return false;
            }
            if (!_backoff.MayTry(_clock.NowMicros))
            {
                return false;
            }
            Joins++;
            CancellationTokenSource timeout = new CancellationTokenSource((int)(JoinTimeoutMicros / 1000));
            bool joined = WifiNetworkHelper.ConnectDhcp(_config.Ssid, _config.Password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            if (joined)
            {
                _joined = true;
                Message = null;
                _backoff.Succeeded();
                return true;
            }
            Message = "Wi-Fi join failed (helper status " + ((int)WifiNetworkHelper.Status).ToString() + ")";
            _backoff.Failed(_clock.NowMicros);
            return false;
        }
    }
}
