using System.IO.Ports;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// ISerialPort over SerialPort, 8N1, with timeouts set (their default is infinite; docs/platform.md, UART)
    /// and reads taking only what BytesToRead says has arrived, so they never block. Received data wakes the
    /// main loop's idle wait.
    /// </summary>
    public sealed class UartPort : ISerialPort, System.IDisposable
    {
        private readonly SerialPort _port;
        private readonly EventWait _wake;

        /// <summary>Opens a port ("COM2") at a baud rate with a receive buffer size; received bytes signal wake (may be null).</summary>
        public UartPort(string portName, int baudRate, int receiveBufferBytes, EventWait wake)
        {
            _wake = wake;
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.ReadBufferSize = receiveBufferBytes;
            _port.ReadTimeout = 0;
            _port.WriteTimeout = 1000;
            _port.Open();
            if (wake != null)
            {
                _port.DataReceived += OnDataReceived;
            }
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _wake.Signal();
        }

        /// <inheritdoc />
        public int BaudRate
        {
            get { return _port.BaudRate; }
        }

        /// <inheritdoc />
        public int BytesToRead
        {
            get { return _port.BytesToRead; }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return 0;
            }
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        /// <summary>Closes the port.</summary>
        public void Dispose()
        {
            _port.Close();
            _port.Dispose();
        }
    }
}
