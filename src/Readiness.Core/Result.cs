using System.Diagnostics.CodeAnalysis;

namespace Readiness.Core;

/// <summary>
/// A value, or the reason there is none: what a use case or a parser answers when failing is an expected outcome (an
/// unknown regency, a file that is not a registry, a bad query option) rather than a fault. Hosts turn
/// <see cref="Error"/> into their own answer (a problem document, a usage error) without restating what went wrong.
/// The value may itself be null where absence is a valid answer (an option not given).
/// </summary>
public sealed class Result<TValue, TError>
    where TError : notnull
{
    private readonly TValue _value;

    private Result(TValue value, TError? error, bool ok) => (_value, Error, Ok) = (value, error, ok);

    /// <summary>The value; reading it from a failure is a bug, so it throws.</summary>
    public TValue Value => Ok ? _value : throw new InvalidOperationException($"A failed result has no value: {Error}");

    public TError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok { get; }

    public static Result<TValue, TError> Success(TValue value) => new(value, default, true);

    public static Result<TValue, TError> Failure(TError error) => new(default!, error, false);

    public static implicit operator Result<TValue, TError>(TValue value) => Success(value);

    public static implicit operator Result<TValue, TError>(TError error) => Failure(error);
}
