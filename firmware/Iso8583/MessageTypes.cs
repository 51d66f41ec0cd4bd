namespace PosFirmware.Iso8583
{
    /// <summary>The message types the terminal exchanges (docs/acquirer-protocol.md, message codes), as numbers.</summary>
    public static class MessageTypes
    {
        /// <summary>Sign-in request (working keys).</summary>
        public const int SignIn = 800;

        /// <summary>Sign-in response.</summary>
        public const int SignInResponse = 810;

        /// <summary>Financial request: sale or status query.</summary>
        public const int Financial = 200;

        /// <summary>Financial response.</summary>
        public const int FinancialResponse = 210;

        /// <summary>Batch upload request.</summary>
        public const int BatchUpload = 320;

        /// <summary>Batch upload response.</summary>
        public const int BatchUploadResponse = 330;

        /// <summary>Reversal request.</summary>
        public const int Reversal = 400;

        /// <summary>Reversal response.</summary>
        public const int ReversalResponse = 410;

        /// <summary>Settlement request.</summary>
        public const int Settlement = 500;

        /// <summary>Settlement response.</summary>
        public const int SettlementResponse = 510;

        /// <summary>The response type for a request type (request + 10).</summary>
        public static int ResponseTo(int requestType)
        {
            return requestType + 10;
        }
    }
}
