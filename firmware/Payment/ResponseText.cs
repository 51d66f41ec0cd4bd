namespace PosFirmware.Payment
{
    /// <summary>The meaning of common CUP response codes (F39), short enough for the display.</summary>
    public static class ResponseText
    {
        /// <summary>A few words for a response code; "Declined" for codes not listed.</summary>
        public static string Describe(string code)
        {
            switch (code)
            {
                case "00": return "Approved";
                case "01": return "Call issuer";
                case "05": return "Not honoured";
                case "09": return "Customer paying";
                case "12": return "Invalid txn";
                case "13": return "Invalid amount";
                case "14": return "Invalid code";
                case "25": return "Not found";
                case "30": return "Format error";
                case "51": return "Insufficient funds";
                case "54": return "Code expired";
                case "55": return "Wrong password";
                case "61": return "Over limit";
                case "64": return "Amount mismatch";
                case "94": return "Duplicate trace";
                case "96": return "System error";
                case "97": return "Not signed in";
                case "98": return "No answer";
                case "A0": return "MAC error";
                default: return "Declined";
            }
        }
    }
}
