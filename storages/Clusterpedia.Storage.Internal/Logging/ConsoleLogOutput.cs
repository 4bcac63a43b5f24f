namespace Clusterpedia.Storage.Internal.Logging;

/// <summary><c>log.stdout: true</c>: lines go to the process's standard output (<see cref="Console.Out"/> when the log starts).</summary>
internal sealed class ConsoleLogOutput(TextWriter writer) : ILogOutput
{
    public void Write(string text) => writer.Write(text);

    public void Flush() => writer.Flush();

    // Standard output belongs to the process: flushed, never closed.
    public ValueTask DisposeAsync()
    {
        writer.Flush();
        return ValueTask.CompletedTask;
    }
}
