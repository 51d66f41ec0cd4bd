namespace PosFirmware.PrintHead
{
    /// <summary>The outcome of parsing a profile: the profile, or an error that names the line and key.</summary>
    public class ProfileParseResult
    {
        /// <summary>The parsed profile, or null when <see cref="Error"/> is set.</summary>
        public MechanismProfile Profile;

        /// <summary>Null on success; otherwise what is wrong, e.g. "line 12, key heaterOhms: not a number".</summary>
        public string Error;

        /// <summary>True when the profile parsed and passed its checks.</summary>
        public bool Ok
        {
            get { return Error == null; }
        }
    }
}
