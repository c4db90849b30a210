using System.Text;

namespace WorkBrain.Core.Gate;

/// <summary>Walks normalized text token by token without allocating (see <see cref="CharGateTokenizer"/>).
/// A token stays valid until the next call of <see cref="Next"/>.</summary>
internal ref struct CharTokenWalker
{
    public const int MaxWord = 128;

    private readonly Span<char> _word;
    private readonly Span<char> _rune;
    private StringRuneEnumerator _runes;
    private int _length;
    private bool _overflow;
    private bool _allDigits;
    private bool _pending;
    private Rune _pendingRune;
    private bool _done;

    public CharTokenWalker(string normalized, Span<char> wordBuffer, Span<char> runeBuffer)
    {
        _runes = normalized.EnumerateRunes();
        _word = wordBuffer;
        _rune = runeBuffer;
        _allDigits = true;
    }

    public bool Next(out ReadOnlySpan<char> token)
    {
        while (true)
        {
            if (_pending)
            {
                _pending = false;
                token = _rune[.._pendingRune.EncodeToUtf16(_rune)];
                return true;
            }

            if (_done)
            {
                token = default;
                return false;
            }

            if (!_runes.MoveNext())
            {
                _done = true;
                if (TakeWord(out token))
                {
                    return true;
                }

                continue;
            }

            var r = _runes.Current;
            var v = r.Value;
            if (v is >= 'A' and <= 'Z')
            {
                Append((char)(v + 32), digit: false);
            }
            else if (v is >= 'a' and <= 'z')
            {
                Append((char)v, digit: false);
            }
            else if (v is >= '0' and <= '9')
            {
                Append('0', digit: true);
            }
            else
            {
                if (v > 32 && v != 127)
                {
                    _pending = true;
                    _pendingRune = r;
                }

                if (TakeWord(out token))
                {
                    return true;
                }
            }
        }
    }

    private void Append(char c, bool digit)
    {
        _allDigits &= digit;
        if (_length < MaxWord)
        {
            _word[_length++] = c;
        }
        else
        {
            _overflow = true;
        }
    }

    private bool TakeWord(out ReadOnlySpan<char> token)
    {
        if (_length == 0 && !_overflow)
        {
            token = default;
            return false;
        }

        // A word too long for the buffer is in no vocabulary: it becomes a token no vocabulary holds.
        token = _overflow ? "\u0000" : _allDigits ? "<num>" : _word[.._length];
        _length = 0;
        _overflow = false;
        _allDigits = true;
        return true;
    }
}
