using System.Globalization;

namespace Readiness.Core.Quality;

/// <summary>
/// An arithmetic expression over the yearly values of one regency-year: numbers, indicator codes, <c>+ - * /</c>,
/// unary minus and parentheses. Built by <see cref="Parse"/>; evaluated against a lookup of values.
/// </summary>
public abstract record QualityExpression
{
    /// <summary>The indicator codes the expression reads, upper case, in order of first appearance.</summary>
    public IReadOnlyList<string> Indicators => [.. Codes().Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The value, with <paramref name="valueOf"/> giving an indicator's value or null when it is missing;
    /// null when a value is missing and <paramref name="missingAsZero"/> is false, or when it divides by zero.</summary>
    public abstract double? Evaluate(Func<string, double?> valueOf, bool missingAsZero);

    internal abstract IEnumerable<string> Codes();

    /// <summary>Parses <paramref name="text"/>; <paramref name="isKnown"/> says whether an indicator code exists.</summary>
    /// <exception cref="QualityExpressionException">The text does not parse or names an unknown indicator; the
    /// message gives the 1-based position of the fault.</exception>
    public static QualityExpression Parse(string text, Func<string, bool> isKnown)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isKnown);
        var parser = new Parser(text, isKnown);
        var expression = parser.ParseSum();
        parser.SkipSpaces();
        return parser.AtEnd ? expression : throw parser.Fault($"unexpected '{parser.Current}'");
    }

    public sealed record Number(double Value) : QualityExpression
    {
        public override double? Evaluate(Func<string, double?> valueOf, bool missingAsZero) => Value;

        internal override IEnumerable<string> Codes() => [];

        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    public sealed record IndicatorValue(string Code) : QualityExpression
    {
        public override double? Evaluate(Func<string, double?> valueOf, bool missingAsZero) =>
            valueOf(Code) ?? (missingAsZero ? 0 : null);

        internal override IEnumerable<string> Codes() => [Code];

        public override string ToString() => Code;
    }

    public sealed record Negation(QualityExpression Operand) : QualityExpression
    {
        public override double? Evaluate(Func<string, double?> valueOf, bool missingAsZero) => -Operand.Evaluate(valueOf, missingAsZero);

        internal override IEnumerable<string> Codes() => Operand.Codes();

        public override string ToString() => $"-{Operand}";
    }

    public sealed record Binary(char Operator, QualityExpression Left, QualityExpression Right) : QualityExpression
    {
        public override double? Evaluate(Func<string, double?> valueOf, bool missingAsZero)
        {
            if (Left.Evaluate(valueOf, missingAsZero) is not { } left || Right.Evaluate(valueOf, missingAsZero) is not { } right)
            {
                return null;
            }

            return Operator switch
            {
                '+' => left + right,
                '-' => left - right,
                '*' => left * right,
                // A ratio over a zero whole says nothing about the part: the rule cannot be judged.
                '/' => right == 0 ? null : left / right,
                _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
            };
        }

        internal override IEnumerable<string> Codes() => Left.Codes().Concat(Right.Codes());

        public override string ToString() => $"({Left} {Operator} {Right})";
    }

    /// <summary>Recursive descent: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
    /// unary := '-' unary | atom; atom := number | code | '(' sum ')'.</summary>
    private sealed class Parser(string text, Func<string, bool> isKnown)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public char Current => text[_position];

        public QualityExpressionException Fault(string what, int? at = null) =>
            new(text, (at ?? _position) + 1, what);

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                _position++;
            }
        }

        public QualityExpression ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || Current is not ('+' or '-'))
                {
                    return left;
                }

                var op = Current;
                _position++;
                left = new Binary(op, left, ParseProduct());
            }
        }

        private QualityExpression ParseProduct()
        {
            var left = ParseUnary();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || Current is not ('*' or '/'))
                {
                    return left;
                }

                var op = Current;
                _position++;
                left = new Binary(op, left, ParseUnary());
            }
        }

        private QualityExpression ParseUnary()
        {
            SkipSpaces();
            if (!AtEnd && Current == '-')
            {
                _position++;
                return new Negation(ParseUnary());
            }

            return ParseAtom();
        }

        private QualityExpression ParseAtom()
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Fault("the expression ends where a number, an indicator code or '(' is expected");
            }

            var start = _position;
            if (Current == '(')
            {
                _position++;
                var inner = ParseSum();
                SkipSpaces();
                if (AtEnd || Current != ')')
                {
                    throw Fault($"')' expected to close the '(' at position {start + 1}");
                }

                _position++;
                return inner;
            }

            if (char.IsAsciiDigit(Current) || Current == '.')
            {
                while (!AtEnd && (char.IsAsciiDigit(Current) || Current == '.'))
                {
                    _position++;
                }

                var digits = text[start.._position];
                return double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? new Number(number)
                    : throw Fault($"'{digits}' is not a number (write decimals with a point: 0.5)", start);
            }

            if (char.IsAsciiLetter(Current))
            {
                // Codes are letters, digits, '-' and '_' (GOV-01); a '-' is part of the code only when a letter or
                // digit follows, so "GOV-01-ECO-02" stays one code and "GOV-01 - 5" is a subtraction.
                while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'
                    || (Current == '-' && _position + 1 < text.Length && char.IsAsciiLetterOrDigit(text[_position + 1]))))
                {
                    _position++;
                }

                var code = text[start.._position].ToUpperInvariant();
                // Without spaces "GOV-01-ECO-02" may be a subtraction: fall back to the longest known code before a '-'.
                for (var end = _position; !isKnown(code) && text.LastIndexOf('-', end - 1, end - start) is var dash && dash > start;)
                {
                    end = dash;
                    if (isKnown(text[start..end].ToUpperInvariant()))
                    {
                        _position = end;
                        code = text[start..end].ToUpperInvariant();
                    }
                }

                return isKnown(code) ? new IndicatorValue(code) : throw Fault($"unknown indicator '{code}'", start);
            }

            throw Fault($"unexpected '{Current}' where a number, an indicator code or '(' is expected");
        }
    }
}

/// <summary>An expression that does not parse; <see cref="Position"/> is 1-based.</summary>
public sealed class QualityExpressionException(string expression, int position, string what)
    : Exception($"position {position} of \"{expression}\": {what}")
{
    public int Position { get; } = position;

    public string What { get; } = what;
}
