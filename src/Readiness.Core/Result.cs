using System.Diagnostics.CodeAnalysis;

namespace Readiness.Core;

/// <summary>
/// A value, or the reason there is none: what a use case answers when failing is an expected outcome (an unknown
/// regency, a file that is not a registry) rather than a fault. Hosts turn <see cref="Error"/> into their own answer
/// (a problem document, a usage error) without restating what went wrong.
/// </summary>
public sealed class Result<TValue, TError>
    where TValue : notnull
    where TError : notnull
{
    private Result(TValue? value, TError? error, bool ok) => (Value, Error, Ok) = (value, error, ok);

    public TValue? Value { get; }

    public TError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok { get; }

    public static Result<TValue, TError> Success(TValue value) => new(value, default, true);

    public static Result<TValue, TError> Failure(TError error) => new(default, error, false);

    public static implicit operator Result<TValue, TError>(TValue value) => Success(value);

    public static implicit operator Result<TValue, TError>(TError error) => Failure(error);
}
