namespace System.Device.Wifi
{
    // source: nanoframework/System.Device.Wifi@v1.5.147:System.Device.Wifi/WifiReconnectionKind.cs
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}

namespace nanoFramework.Networking
{
    // source: nanoframework/System.Device.Wifi@v1.5.147:System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw null; } }
        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) { throw null; }
        public static void Disconnect() { }
    }
}
