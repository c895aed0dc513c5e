using System.Globalization;

namespace Readiness.Core.Quality;

/// <summary>
/// An arithmetic expression over the yearly values of one regency-year: numbers, indicator codes, <c>+ - * /</c>,
/// unary minus, parentheses, and <c>max(CODE)</c> / <c>min(CODE)</c>, the bounds the catalog declares for an indicator
/// (constants of the catalog, not values of the regency). Built by <see cref="Parse"/>; evaluated against a lookup of
/// values.
/// </summary>
public abstract record QualityExpression
{
    /// <summary>The indicator codes the expression reads, upper case, in order of first appearance.</summary>
    public IReadOnlyList<string> Indicators => [.. Codes().Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The value, with <paramref name="valueOf"/> giving an indicator's value or null when it is missing;
    /// null when a value is missing and <paramref name="missingAsZero"/> is false, or when it divides by zero.</summary>
    public abstract double? Evaluate(Func<string, double?> valueOf, bool missingAsZero);

    internal abstract IEnumerable<string> Codes();

    /// <summary>Parses <paramref name="text"/>; <paramref name="isKnown"/> says whether an indicator code exists, and
    /// <paramref name="boundOf"/> gives an indicator's declared bound (<c>"max"</c> or <c>"min"</c>), null when it
    /// declares none; without it <c>max()</c> and <c>min()</c> do not parse.</summary>
    /// <exception cref="QualityExpressionException">The text does not parse, names an unknown indicator, or asks for
    /// a bound the indicator does not declare; the message gives the 1-based position of the fault.</exception>
    public static QualityExpression Parse(string text, Func<string, bool> isKnown, Func<string, string, double?>? boundOf = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isKnown);
        var parser = new Parser(text, isKnown, boundOf);
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

    /// <summary>A bound the catalog declares for an indicator: <c>max(SOC-01)</c> is 100. It reads no value of the
    /// regency, so it is not among <see cref="Indicators"/> and never missing.</summary>
    public sealed record Bound(string Function, string Code, double Value) : QualityExpression
    {
        public override double? Evaluate(Func<string, double?> valueOf, bool missingAsZero) => Value;

        internal override IEnumerable<string> Codes() => [];

        public override string ToString() => $"{Function}({Code})";
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
    /// unary := '-' unary | atom; atom := number | code | ('max'|'min') '(' code ')' | '(' sum ')'.</summary>
    private sealed class Parser(string text, Func<string, bool> isKnown, Func<string, string, double?>? boundOf)
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

            if (char.IsAsciiLetter(Current) && ParseBound() is { } bound)
            {
                return bound;
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

        /// <summary><c>max(CODE)</c> or <c>min(CODE)</c> at the current position, or null (nothing consumed) when the
        /// text there is not a call of either.</summary>
        private Bound? ParseBound()
        {
            var start = _position;
            var end = start;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
            }

            var function = text[start..end].ToLowerInvariant();
            var open = end;
            while (open < text.Length && char.IsWhiteSpace(text[open]))
            {
                open++;
            }

            if (function is not ("max" or "min") || open >= text.Length || text[open] != '(')
            {
                return null;
            }

            _position = open + 1;
            SkipSpaces();
            var codeAt = _position;
            if (AtEnd || !char.IsAsciiLetter(Current) || ParseAtom() is not IndicatorValue indicator)
            {
                throw Fault($"{function}() takes one indicator code, as in {function}(SOC-01)", codeAt);
            }

            SkipSpaces();
            if (AtEnd || Current != ')')
            {
                throw Fault($"')' expected to close {function}( at position {start + 1}");
            }

            _position++;
            if (boundOf is null)
            {
                throw Fault($"{function}() needs the catalog's indicators, which this expression is parsed without", start);
            }

            return boundOf(indicator.Code, function) is { } value
                ? new Bound(function, indicator.Code, value)
                : throw Fault($"indicator '{indicator.Code}' declares no {function} in the catalog; give the number instead", codeAt);
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
