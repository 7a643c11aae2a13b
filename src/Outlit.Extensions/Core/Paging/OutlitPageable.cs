using System.Runtime.CompilerServices;

namespace Outlit;

/// <summary>
/// One page of a cursor-paged listing: its items, the cursor that continues after it, whether more follows and,
/// when the server counts them, how many items match in all.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class OutlitPage<T>
{
    /// <summary>Creates a page (public so tests of calling code can build one).</summary>
    /// <param name="items">The items of the page.</param>
    /// <param name="continuationToken">The cursor of the next page; null on the last one.</param>
    /// <param name="hasMore">Whether another page follows.</param>
    /// <param name="total">Items matching across all pages, when the server says.</param>
    public OutlitPage(IReadOnlyList<T> items, string? continuationToken, bool hasMore, long? total)
    {
        Items = items ?? throw new ArgumentNullException(nameof(items));
        ContinuationToken = continuationToken;
        HasMore = hasMore;
        Total = total;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The cursor to continue after this page (give it to <see cref="OutlitPageable{T}.AsPages"/> to resume); null on the last page.</summary>
    public string? ContinuationToken { get; }

    /// <summary>Whether another page follows.</summary>
    public bool HasMore { get; }

    /// <summary>Items matching across all pages, for listings whose answer counts them; null otherwise.</summary>
    public long? Total { get; }

    /// <summary>
    /// Builds a page from what an answer holds, refusing one whose paging block is missing or contradicts itself. Used
    /// by the generated pageables, which name where the items and the paging block are in the answer.
    /// </summary>
    internal static OutlitPage<T> From(IEnumerable<T>? items, bool? hasMore, string? nextCursor, long? total, string tool, string itemsPath, string pagingPath)
    {
        if (items is null)
        {
            throw new OutlitResponseFormatException($"The answer of {tool} has no list of items at '{itemsPath}'.");
        }

        if (hasMore is not { } more)
        {
            throw new OutlitResponseFormatException($"The answer of {tool} has no paging block at '{pagingPath}': whether more pages follow is unknown.");
        }

        var page = new OutlitPage<T>(items as IReadOnlyList<T> ?? items.ToList(), more && !string.IsNullOrEmpty(nextCursor) ? nextCursor : null, more, total);
        if (more && page.ContinuationToken is null)
        {
            // The items of this page are real and are handed over; the listing then ends with this error, since
            // stopping quietly would hand the caller a silently truncated list.
            page.DeadEnd = $"The answer of {tool} reported more pages ('{pagingPath}.hasMore') but gave no cursor ('{pagingPath}.nextCursor') to fetch them.";
        }

        return page;
    }

    /// <summary>Why the listing cannot go on after this page although it claims more; null when it can.</summary>
    internal string? DeadEnd { get; private set; }
}

/// <summary>
/// A listing that follows the server's cursor page by page: enumerate it for the items, or use <see cref="AsPages"/>
/// for the pages, their cursors (to resume later) and totals. Nothing is fetched until it is enumerated, and each
/// enumeration starts again from its first page.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// The listing refuses to loop: a cursor the server has already returned, a page that claims more without a cursor,
/// and more than <see cref="MaxConsecutiveEmptyPages"/> empty pages in a row that each claim more end it with
/// <see cref="OutlitResponseFormatException"/>.
/// </remarks>
public class OutlitPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>How many empty pages in a row that claim more pages the listing accepts before it gives up.</summary>
    public const int MaxConsecutiveEmptyPages = 10;

    private readonly Func<string?, int?, CancellationToken, Task<OutlitPage<T>>>? fetchPage;
    private readonly string? firstCursor;
    private readonly string tool;
    private readonly CancellationToken cancellationToken;

    internal OutlitPageable(Func<string?, int?, CancellationToken, Task<OutlitPage<T>>> fetchPage, string? firstCursor, string tool, CancellationToken cancellationToken)
    {
        this.fetchPage = fetchPage;
        this.firstCursor = firstCursor;
        this.tool = tool;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected OutlitPageable()
    {
        tool = "";
    }

    /// <summary>The pages of the listing, from <paramref name="continuationToken"/> (or the start).</summary>
    /// <param name="continuationToken">A <see cref="OutlitPage{T}.ContinuationToken"/> to resume after; null to start where the listing starts.</param>
    /// <param name="pageSizeHint">Items per page to ask for; null for the server's default.</param>
    /// <returns>The pages, fetched as they are read.</returns>
    public virtual IAsyncEnumerable<OutlitPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        PagesAsync(continuationToken ?? firstCursor, pageSizeHint, CancellationToken.None);

    /// <inheritdoc />
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(firstCursor, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                this.cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<OutlitPage<T>> PagesAsync(string? cursor, int? pageSize, [EnumeratorCancellation] CancellationToken enumeratorToken)
    {
        var fetch = fetchPage ?? throw new InvalidOperationException("This OutlitPageable was created for mocking and cannot fetch pages.");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var empty = 0;
        while (true)
        {
            linked.Token.ThrowIfCancellationRequested();
            var page = await fetch(cursor, pageSize, linked.Token).ConfigureAwait(false);
            yield return page;
            if (!page.HasMore)
            {
                yield break;
            }

            if (page.ContinuationToken is null)
            {
                throw new OutlitResponseFormatException(page.DeadEnd ?? $"{tool} reported more pages but gave no cursor to fetch them.");
            }

            empty = page.Items.Count == 0 ? empty + 1 : 0;
            if (empty > MaxConsecutiveEmptyPages)
            {
                throw new OutlitResponseFormatException($"{tool} returned {empty} empty pages in a row that each claimed more; stopping instead of paging without end.");
            }

            if (!seen.Add(page.ContinuationToken))
            {
                throw new OutlitResponseFormatException($"{tool} returned a cursor it had already returned; stopping instead of looping forever.");
            }

            cursor = page.ContinuationToken;
        }
    }
}
