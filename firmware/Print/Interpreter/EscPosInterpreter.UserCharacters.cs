using PosFirmware.Print.Commands;
using PosFirmware.Print.Text;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>User-defined characters: ESC &amp; defines, ESC % selects, ESC ? cancels (ESC @ forgets them).</summary>
    public sealed partial class EscPosInterpreter
    {
        private readonly UserCharacterSet _userCharacters;
        private bool _userCharactersOn;

        private void InitialiseUserCharacters()
        {
            _userCharactersOn = false;
            _userCharacters.Clear();
        }

        private void RunUserCharacters(int handler, int p, int count)
        {
            if (handler == CommandHandler.UserCharactersOn)
            {
                _userCharactersOn = (ByteAt(p) & 1) != 0;
            }
            else if (handler == CommandHandler.UserCharacterCancel)
            {
                _userCharacters.Cancel(ByteAt(p));
            }
            else if (handler == CommandHandler.UserCharactersDefine)
            {
                DefineUserCharacters(p);
            }
            else
            {
                _result.IgnoredCommands++;
            }
        }

        private void DefineUserCharacters(int p)
        {
            // ESC & y c1 c2 [x d1 .. d(y*x)] for c1..c2; the table checked the length already.
            int y = ByteAt(p);
            int first = ByteAt(p + 1);
            int last = ByteAt(p + 2);
            if (y < 1 || y > 8 || first < UserCharacterSet.FirstCode || last >= UserCharacterSet.FirstCode + UserCharacterSet.Count)
            {
                _result.MalformedCommands++;
                return;
            }
            int at = p + 3;
            for (int c = first; c <= last; c++)
            {
                int x = ByteAt(at);
                _userCharacters.Define(c, _job, at + 1, x, y);
                at += 1 + x * y;
            }
        }

        /// <summary>Adds a user-defined character for the byte at start if one applies; true if it did.</summary>
        private bool UserCharacterAt(int codePoint, int start)
        {
            if (!_userCharactersOn || _at != start + 1 || !_userCharacters.IsDefined(_job[start]))
            {
                return false;
            }
            int code = _job[start];
            AddCharacter(UserCharacterSet.CodePointBase + code, _userCharacters.WidthOf(code), TextLine.UserGlyph);
            return true;
        }
    }
}
