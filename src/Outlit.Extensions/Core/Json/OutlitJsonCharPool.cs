using System.Buffers;
using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// Lends Newtonsoft's readers and writers their character buffers from the shared pool, so a call does not
/// allocate (and, on large bodies, grow) fresh buffers each time.
/// </summary>
internal sealed class OutlitJsonCharPool : IArrayPool<char>
{
    public static readonly OutlitJsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
