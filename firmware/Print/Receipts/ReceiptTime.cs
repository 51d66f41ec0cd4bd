namespace PosFirmware.Print.Receipts
{
    /// <summary>A local date and time as given by the transaction (never read from a clock here).</summary>
    public sealed class ReceiptTime
    {
        /// <summary>Year, e.g. 2026.</summary>
        public int Year;

        /// <summary>Month 1..12.</summary>
        public int Month;

        /// <summary>Day 1..31.</summary>
        public int Day;

        /// <summary>Hour 0..23.</summary>
        public int Hour;

        /// <summary>Minute 0..59.</summary>
        public int Minute;

        /// <summary>Second 0..59.</summary>
        public int Second;

        /// <summary>Makes a time from its fields.</summary>
        public ReceiptTime(int year, int month, int day, int hour, int minute, int second)
        {
            Year = year;
            Month = month;
            Day = day;
            Hour = hour;
            Minute = minute;
            Second = second;
        }

        /// <summary>"2026-11-22 10:15:30".</summary>
        public string Format()
        {
            return Year.ToString("D4") + "-" + Month.ToString("D2") + "-" + Day.ToString("D2") + " "
                + Hour.ToString("D2") + ":" + Minute.ToString("D2") + ":" + Second.ToString("D2");
        }

        /// <summary>"20261122101530", for machine-readable codes.</summary>
        public string Compact()
        {
            return Year.ToString("D4") + Month.ToString("D2") + Day.ToString("D2")
                + Hour.ToString("D2") + Minute.ToString("D2") + Second.ToString("D2");
        }
    }
}
