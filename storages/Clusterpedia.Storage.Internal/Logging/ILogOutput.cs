namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>Where the SQL log's lines end up; called by one background writer only, so implementations need no locking.</summary>
internal interface ILogOutput : IAsyncDisposable
{
    void Write(string text);

    void Flush();
}
