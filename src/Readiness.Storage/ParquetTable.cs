using System.Reflection;
using Parquet;
using Parquet.Schema;

namespace Readiness.Storage;

/// <summary>
/// Writes rows of any flat record as one Parquet row group, a column per public property (plus leading columns a
/// caller adds, such as a fact's surrogate key). Parquet.Net's serializer takes only whole classes; this lets the
/// <c>fact_scores</c> table be <see cref="Core.Scoring.ScoreRow"/>'s columns and a key without a second score row type.
/// Types map as Parquet.Net maps them: string → UTF-8, int → INT32, long → INT64, double, bool, DateOnly → DATE,
/// DateTime → TIMESTAMP; nullable value types are optional columns.
/// </summary>
public static class ParquetTable
{
    /// <summary>A column: its name, CLR type and one value per row.</summary>
    public sealed record Column(string Name, Type Type, Array Values);

    /// <summary>The columns of <typeparamref name="T"/>'s public properties over <paramref name="rows"/>.</summary>
    public static IReadOnlyList<Column> ColumnsOf<T>(IReadOnlyList<T> rows) =>
        [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).Select(p => Of(p.Name, p.PropertyType, rows, r => p.GetValue(r)))];

    public static Column Of<T>(string name, Type type, IReadOnlyList<T> rows, Func<T, object?> value)
    {
        var values = Array.CreateInstance(type, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            values.SetValue(value(rows[i]), i);
        }

        return new Column(name, type, values);
    }

    public static async Task WriteAsync(Stream output, IReadOnlyList<Column> columns, CancellationToken cancellationToken)
    {
        var fields = columns.Select(c => new DataField(c.Name, c.Type, isNullable: c.Type == typeof(string) || Nullable.GetUnderlyingType(c.Type) is not null)).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.Type == typeof(string))
            {
                await group.WriteAsync(fields[i], (IReadOnlyCollection<string>)column.Values, null);
                continue;
            }

            var underlying = Nullable.GetUnderlyingType(column.Type);
            var element = underlying ?? column.Type;
            var method = Write.Single(m => m.IsNullable == (underlying is not null)).Method.MakeGenericMethod(element);
            var memory = Activator.CreateInstance(typeof(ReadOnlyMemory<>).MakeGenericType(column.Type), column.Values)!;
            var pending = method.Invoke(group, [fields[i], memory, null, null, cancellationToken]);
            await (pending switch
            {
                Task task => task,
                ValueTask valueTask => valueTask.AsTask(),
                _ => throw new InvalidOperationException($"Unexpected result of {method}."),
            });
        }
    }

    /// <summary>ParquetRowGroupWriter.WriteAsync&lt;T&gt; for ReadOnlyMemory&lt;T&gt; and ReadOnlyMemory&lt;T?&gt;.</summary>
    private static readonly (MethodInfo Method, bool IsNullable)[] Write =
    [
        .. typeof(ParquetRowGroupWriter).GetMethods()
            .Where(m => m.Name == nameof(ParquetRowGroupWriter.WriteAsync) && m.IsGenericMethodDefinition && m.GetParameters().Length == 5)
            .Select(m => (m, IsNullable: m.GetParameters()[1].ParameterType.GetGenericArguments()[0].IsGenericType)),
    ];
}
