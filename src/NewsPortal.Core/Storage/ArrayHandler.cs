using System.Data;
using Dapper;

namespace NewsPortal.Core.Storage;

/// <summary>
/// PostgreSQL arrays arrive typed as <see cref="Array"/>; registering the element type lets Dapper
/// bind them to record constructors that take <c>string[]</c> or <c>int[]</c>.
/// </summary>
internal sealed class ArrayHandler<T> : SqlMapper.TypeHandler<T[]>
{
    public override T[] Parse(object value) => (T[])value;

    public override void SetValue(IDbDataParameter parameter, T[]? value) => parameter.Value = value;
}
