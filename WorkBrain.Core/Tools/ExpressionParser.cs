using System.Globalization;

namespace WorkBrain.Core.Tools;

/// <summary>
/// A recursive-descent evaluator for arithmetic: numbers, + - * / % ^, parentheses, unary minus, the functions
/// sqrt sin cos tan log ln abs round exp, and the constants pi and e. It evaluates, it never executes code.
/// <code>
/// expr    := term (('+' | '-') term)*
/// term    := unary (('*' | '/' | '%') unary)*
/// unary   := ('-' | '+') unary | power
/// power   := primary ('^' unary)?
/// primary := number | constant | function '(' expr ')' | '(' expr ')'
/// </code>
/// </summary>
public sealed class ExpressionParser
{
    private const int MaxLength = 1000;
    private const int MaxDepth = 100;

    private readonly string _text;
    private int _pos;
    private int _depth;

    private ExpressionParser(string text) => _text = text;

    public static double Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = ExpressionText.Normalize(expression).Trim();
        if (text.Length == 0)
        {
            throw new ExpressionException("The expression is empty.");
        }

        if (text.Length > MaxLength)
        {
            throw new ExpressionException($"The expression is longer than {MaxLength} characters.");
        }

        var parser = new ExpressionParser(text);
        var value = parser.ParseExpression();
        parser.SkipSpaces();
        if (parser._pos < text.Length)
        {
            throw new ExpressionException($"Unexpected '{text[parser._pos]}' at position {parser._pos + 1}.");
        }

        return Check(value);
    }

    /// <summary>A number as people read it: up to 12 significant digits, no exponent for ordinary magnitudes.</summary>
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var rounded = double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var abs = Math.Abs(rounded);
        return abs is >= 1e-6 and < 1e15
            ? rounded.ToString("0.############", CultureInfo.InvariantCulture)
            : rounded.ToString("G12", CultureInfo.InvariantCulture);
    }

    private static double Check(double value) => double.IsNaN(value)
        ? throw new ExpressionException("The result is not a real number (e.g. the square root or logarithm of a negative number).")
        : double.IsInfinity(value)
            ? throw new ExpressionException("The result is too large to represent.")
            : value;

    private double ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionException("The expression is nested too deeply.");
        }

        var value = ParseTerm();
        while (true)
        {
            if (Accept('+'))
            {
                value += ParseTerm();
            }
            else if (Accept('-'))
            {
                value -= ParseTerm();
            }
            else
            {
                _depth--;
                return value;
            }
        }
    }

    private double ParseTerm()
    {
        var value = ParseUnary();
        while (true)
        {
            if (Accept('*'))
            {
                value *= ParseUnary();
            }
            else if (Accept('/'))
            {
                var divisor = ParseUnary();
                value = divisor == 0 ? throw new ExpressionException("Division by zero.") : value / divisor;
            }
            else if (Accept('%'))
            {
                var divisor = ParseUnary();
                value = divisor == 0 ? throw new ExpressionException("Division by zero (in %).") : value % divisor;
            }
            else
            {
                return value;
            }
        }
    }

    private double ParseUnary()
    {
        if (Accept('-'))
        {
            return -ParseUnary();
        }

        return Accept('+') ? ParseUnary() : ParsePower();
    }

    private double ParsePower()
    {
        var value = ParsePrimary();
        return Accept('^') ? Check(Math.Pow(value, ParseUnary())) : value;
    }

    private double ParsePrimary()
    {
        SkipSpaces();
        if (_pos >= _text.Length)
        {
            throw new ExpressionException("The expression ends too early: a number or '(' is missing.");
        }

        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseExpression();
            Expect(')');
            return inner;
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(c))
        {
            return ParseNamed();
        }

        throw new ExpressionException($"Unexpected '{c}' at position {_pos + 1}.");
    }

    private double ParseNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or ',' or '_'))
        {
            _pos++;
        }

        if (_pos < _text.Length && _text[_pos] is 'e' or 'E' && _pos + 1 < _text.Length
            && (char.IsAsciiDigit(_text[_pos + 1]) || (_text[_pos + 1] is '+' or '-' && _pos + 2 < _text.Length && char.IsAsciiDigit(_text[_pos + 2]))))
        {
            _pos += 2;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        var token = _text[start.._pos].Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ExpressionException($"'{_text[start.._pos]}' is not a number.");
    }

    private double ParseNamed()
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length && char.IsAsciiLetterOrDigit(_text[_pos]))
        {
            _pos++;
        }

        var name = _text[start.._pos].ToLowerInvariant();
        switch (name)
        {
            case "pi":
                return Math.PI;
            case "e":
                return Math.E;
        }

        Func<double, double>? function = name switch
        {
            "sqrt" => Math.Sqrt,
            "sin" => Math.Sin,
            "cos" => Math.Cos,
            "tan" => Math.Tan,
            "log" or "lg" => Math.Log10,
            "ln" => Math.Log,
            "abs" => Math.Abs,
            "round" => x => Math.Round(x, MidpointRounding.AwayFromZero),
            "exp" => Math.Exp,
            _ => null,
        };
        if (function is null)
        {
            throw new ExpressionException(
                $"Unknown name '{_text[start.._pos]}'. Known functions: sqrt, sin, cos, tan, log, ln, abs, round, exp; constants: pi, e.");
        }

        SkipSpaces();
        if (_pos >= _text.Length || _text[_pos] != '(')
        {
            // sqrt 16 (without parentheses) takes the next factor.
            return Check(function(ParseUnary()));
        }

        _pos++;
        var argument = ParseExpression();
        Expect(')');
        return Check(function(argument));
    }

    private bool Accept(char c)
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!Accept(c))
        {
            throw new ExpressionException(_pos >= _text.Length
                ? $"A closing '{c}' is missing."
                : $"Expected '{c}' at position {_pos + 1} but found '{_text[_pos]}'.");
        }
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
