namespace Outlit.Quickstart;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread. <see cref="Progress{T}"/> posts
/// to the thread pool instead, so its last report can land after the wait has returned and print out of order.
/// </summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
