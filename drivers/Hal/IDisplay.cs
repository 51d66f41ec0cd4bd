namespace PosFirmware.Hal
{
    /// <summary>
    /// The operator display as a few lines of text (an HD44780-class 20x4 character module, or a small
    /// graphic LCD driven as a text grid). Text is ASCII; a line longer than Columns is cut by the adapter,
    /// a shorter one is padded with spaces.
    /// </summary>
    public interface IDisplay
    {
        /// <summary>Text lines on the display.</summary>
        int Rows { get; }

        /// <summary>Characters per line.</summary>
        int Columns { get; }

        /// <summary>Replaces the text of one row (0 is the top).</summary>
        void SetLine(int row, string text);

        /// <summary>Blanks every row.</summary>
        void Clear();
    }
}
