namespace System.IO.Ports
{
    // source: nanoframework/System.IO.Ports@v1.1.139:System.IO.Ports/SerialPort.cs
    public class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public int BaudRate { get { throw null; } set { } }
        public int BytesToRead { get { throw null; } }
        public bool IsOpen { get { throw null; } }
        public int ReadBufferSize { get { throw null; } set { } }
        public int ReadTimeout { get { throw null; } set { } }
        public int WriteTimeout { get { throw null; } set { } }
        public void Open() { }
        public void Close() { }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public void Write(byte[] buffer, int offset, int count) { }
        public void Dispose() { }
        public event SerialDataReceivedEventHandler DataReceived { add { } remove { } }
    }

    // source: nanoframework/System.IO.Ports@v1.1.139:System.IO.Ports/SerialDataReceivedEventHandler.cs
    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    // source: nanoframework/System.IO.Ports@v1.1.139:System.IO.Ports/SerialDataReceivedEventArgs.cs
    public class SerialDataReceivedEventArgs : EventArgs
    {
        internal SerialDataReceivedEventArgs() { }
    }

    // source: nanoframework/System.IO.Ports@v1.1.139:System.IO.Ports/Parity.cs
    public enum Parity
    {
        None,
        Odd,
        Even,
        Mark,
        Space,
    }

    // source: nanoframework/System.IO.Ports@v1.1.139:System.IO.Ports/StopBits.cs
    public enum StopBits
    {
        None,
        One,
        Two,
        OnePointFive,
    }
}
